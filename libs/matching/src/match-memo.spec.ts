import { MatchMemo } from './match-memo';

describe(MatchMemo.name, () => {
  it('should find an answer only under the version it was stored with', () => {
    const sut = new MatchMemo<string>(10);
    sut.set('v1', 'need-a', 'answer');
    expect(sut.get('v1', 'need-a')).toBe('answer');
    expect(sut.get('v2', 'need-a')).toBeUndefined();
    expect(sut.get('v1', 'need-b')).toBeUndefined();
  });

  it('should drop every answer of the old version when a new one is stored', () => {
    const sut = new MatchMemo<string>(10);
    sut.set('v1', 'need-a', 'old a');
    sut.set('v1', 'need-b', 'old b');
    sut.set('v2', 'need-a', 'new a');
    expect(sut.size).toBe(1);
    expect(sut.get('v1', 'need-b')).toBeUndefined();
    expect(sut.get('v2', 'need-a')).toBe('new a');
  });

  it('should drop the least recently used answer beyond its capacity', () => {
    const sut = new MatchMemo<string>(2);
    sut.set('v1', 'a', 'A');
    sut.set('v1', 'b', 'B');
    expect(sut.get('v1', 'a')).toBe('A');
    sut.set('v1', 'c', 'C');
    expect(sut.get('v1', 'b')).toBeUndefined();
    expect(sut.get('v1', 'a')).toBe('A');
    expect(sut.get('v1', 'c')).toBe('C');
  });

  it('should remember nothing with a capacity of 0', () => {
    const sut = new MatchMemo<string>(0);
    sut.set('v1', 'a', 'A');
    expect(sut.get('v1', 'a')).toBeUndefined();
  });
});
