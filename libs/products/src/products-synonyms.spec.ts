import { PRODUCT_SYNONYM_GROUPS, PRODUCT_SYNONYMS, toSynonyms } from './products-synonyms';

describe('toSynonyms', () => {
  it('should make every group mutual', () => {
    expect(toSynonyms([['a', 'b', 'c']])).toEqual({
      a: ['b', 'c'],
      b: ['a', 'c'],
      c: ['a', 'b'],
    });
  });

  it('should merge a word that sits in two groups', () => {
    expect(
      toSynonyms([
        ['a', 'b'],
        ['a', 'c'],
      ]).a,
    ).toEqual(['b', 'c']);
  });

  it('should carry the finance synonyms the catalog promises', () => {
    expect(PRODUCT_SYNONYMS['知产贷']).toEqual(expect.arrayContaining(['知识产权质押', 'IP质押']));
    expect(PRODUCT_SYNONYMS['投贷']).toContain('投贷联动');
    expect(PRODUCT_SYNONYMS['纯信用贷']).toContain('信用贷');
    expect(PRODUCT_SYNONYMS['科创贷']).toContain('科技贷');
    expect(PRODUCT_SYNONYMS['人才金融']).toContain('人才贷');
    expect(PRODUCT_SYNONYMS['订单贷']).toContain('应收账款融资');
  });

  it('should list no word twice within a group', () => {
    for (const group of PRODUCT_SYNONYM_GROUPS) expect(new Set(group).size).toBe(group.length);
  });
});
