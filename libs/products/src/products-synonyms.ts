import { SynonymWords } from '@app/search';

/**
 * Chinese tech-finance terms that mean the same product to a borrower. Each group is mutual:
 * searching any word of a group finds documents with any other. Bankers, enterprises and
 * policy papers name the same offer differently (知产贷 in a bank's brochure, 知识产权质押 in a
 * bureau's notice), so the catalog must not depend on which word the visitor happens to use.
 */
export const PRODUCT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['知识产权质押', '知产贷', 'IP质押', '知识产权贷', '知识产权质押贷', '专利质押', '专利贷'],
  ['投贷联动', '投贷', '投贷结合'],
  ['信用贷', '纯信用贷', '信用贷款', '免抵押'],
  ['科技贷', '科创贷', '科技信贷', '科技型企业贷款'],
  ['人才贷', '人才金融', '人才贷款'],
  ['应收账款融资', '订单贷', '订单融资', '应收账款质押', '保理'],
  ['股权质押', '股权质押贷', '股质贷'],
  ['保证保险', '保证保险贷款', '保贷', '信保贷'],
  ['担保贷款', '担保贷', '政策性担保'],
  ['融资租赁', '租赁', '设备租赁'],
  ['供应链金融', '供应链融资'],
  ['股权投资', '风险投资', '风投', 'VC', 'PE', '创投'],
  ['成果转化贷', '成果转化', '科技成果转化'],
  ['流动资金贷款', '流贷', '流动资金'],
  ['专精特新', '专精特新贷'],
  ['首贷', '首次贷款'],
  ['续贷', '无还本续贷'],
];

/** The words of PRODUCT_SYNONYM_GROUPS a product's text mentions, written into its document. */
export const PRODUCT_SYNONYM_WORDS = new SynonymWords(PRODUCT_SYNONYM_GROUPS);
