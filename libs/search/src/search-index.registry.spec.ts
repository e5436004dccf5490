import type { SearchIndexDefinition } from './search-index.definition';
import { SearchIndexRegistry } from './search-index.registry';

function definition(name: string): SearchIndexDefinition {
  return {
    name,
    primaryKey: 'id',
    shape: '1',
    settings: {},
    load: () => Promise.resolve([]),
    loadAll: async function* () {},
  };
}

describe(SearchIndexRegistry.name, () => {
  let sut: SearchIndexRegistry;

  beforeEach(() => {
    sut = new SearchIndexRegistry();
  });

  it('should know a topic that only has a handler, and hand it out', async () => {
    const seen: string[][] = [];
    sut.registerHandler('need-matches', (ids) => {
      seen.push(ids);
      return Promise.resolve();
    });

    expect(sut.knows('need-matches')).toBe(true);
    expect(sut.get('need-matches')).toBeUndefined();
    await sut.handlerOf('need-matches')?.(['a', 'b']);
    expect(seen).toEqual([['a', 'b']]);
  });

  it('should not count a handler as an index to rebuild', () => {
    sut.register(definition('needs'));
    sut.registerHandler('need-matches', () => Promise.resolve());

    expect(sut.all().map((d) => d.name)).toEqual(['needs']);
    expect(sut.handlerOf('needs')).toBeUndefined();
  });

  it('should refuse a second handler or an index on a handled topic', () => {
    sut.registerHandler('need-matches', () => Promise.resolve());

    expect(() => sut.registerHandler('need-matches', () => Promise.resolve())).toThrow(
      /registered twice/,
    );
    expect(() => sut.register(definition('need-matches'))).toThrow(/registered twice/);
  });

  it('should refuse a handler on an indexed topic', () => {
    sut.register(definition('needs'));

    expect(() => sut.registerHandler('needs', () => Promise.resolve())).toThrow(/registered twice/);
  });

  it('should not know a topic nothing was registered for', () => {
    expect(sut.knows('elsewhere')).toBe(false);
  });
});
