import type { Vocabulary } from '../api/types';
import type { ProductView } from '../api/types';
import { formatWan } from '../format/money';
import { labelIn, type CodeOf, type VocabularyList } from '../vocabulary/vocabulary';

/** Who may apply for a product, one plain sentence per condition. */
export function eligibilityWords(
  eligibility: ProductView['eligibility'],
  vocabulary: Vocabulary | undefined,
): string[] {
  const labels = <L extends VocabularyList>(list: L, codes: readonly CodeOf<L>[]) =>
    codes.map((code) => labelIn(vocabulary, list, code)).join('、');
  const words: string[] = [];
  if (eligibility.requiresWhitelist) words.push('须列入市科技局发布的科技型企业白名单');
  if (eligibility.qualificationsAny.length > 0) {
    words.push(`具备以下资质之一：${labels('qualifications', eligibility.qualificationsAny)}`);
  }
  if (eligibility.districts.length > 0) {
    words.push(`注册地在${labels('districts', eligibility.districts)}`);
  }
  if (eligibility.industries.length > 0) {
    words.push(`属于${labels('industries', eligibility.industries)}行业`);
  }
  if (eligibility.minYearsFounded) words.push(`成立满 ${eligibility.minYearsFounded} 年`);
  if (eligibility.minAnnualRevenue) {
    words.push(`上年营业收入不低于 ${formatWan(eligibility.minAnnualRevenue)}`);
  }
  return words.length > 0 ? words : ['无额外准入要求，科技企业均可申请'];
}
