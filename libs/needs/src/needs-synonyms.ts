import { SynonymWords } from '@app/search';

/**
 * Words people use interchangeably for the same financing idea. Each group is mutual: any word
 * of a group finds documents that use another.
 */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['知识产权质押', '知产贷', 'IP质押', '知识产权贷', '专利质押'],
  ['投贷联动', '投贷'],
  ['信用贷', '纯信用贷', '信用贷款'],
  ['流动资金', '流贷', '周转资金', '营运资金'],
  ['研发投入', '研发资金', '研发费用'],
  ['设备购置', '设备采购', '购置设备'],
  ['扩大生产', '扩产', '产能扩张'],
  ['成果转化', '科技成果转化', '技术转化'],
  ['融资租赁', '租赁融资'],
  ['股权融资', '股权投资', '风险投资', '风投'],
  ['应收账款质押', '应收账款融资', '保理'],
  ['保证保险', '保贷', '保证保险贷款'],
  ['高新技术企业', '高企', '高新企业'],
  ['专精特新', '专精特新中小企业'],
];

/** The words of these groups a need's text mentions, written into its document. */
export const NEED_SYNONYM_WORDS = new SynonymWords(SYNONYM_GROUPS);
