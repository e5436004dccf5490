import { PRODUCT_SYNONYM_GROUPS, PRODUCT_SYNONYM_WORDS } from './products-synonyms';

describe('product synonyms', () => {
  const sameAs = (word: string) => PRODUCT_SYNONYM_WORDS.in([word]);

  it('should carry the finance synonyms the catalog promises', () => {
    expect(sameAs('知产贷')).toEqual(expect.arrayContaining(['知识产权质押', 'IP质押']));
    expect(sameAs('投贷')).toContain('投贷联动');
    expect(sameAs('纯信用贷')).toContain('信用贷');
    expect(sameAs('科创贷')).toContain('科技贷');
    expect(sameAs('人才金融')).toContain('人才贷');
    expect(sameAs('订单贷')).toContain('应收账款融资');
  });

  it('should list no word twice within a group', () => {
    for (const group of PRODUCT_SYNONYM_GROUPS) expect(new Set(group).size).toBe(group.length);
  });
});
