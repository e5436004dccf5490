import type { NotificationItem } from '@app/notifications';
import { yuanText } from './match-wording';

/** New matches from this score up are worth telling their parties about. */
export const MATCH_NOTIFY_MIN_SCORE = 60;

/** A new stored match as its notifications describe it. No contacts. */
export interface MatchNotice {
  needId: string;
  needTitle: string;
  needAmount: number;
  needTermMonths: number;
  productId: string;
  productName: string;
  institutionName: string;
  score: number;
}

/** One fact, told once to each user, whichever worker or side of the engine found it. */
export function matchDedupeKey(needId: string, productId: string): string {
  return `match:${needId}:${productId}`;
}

/** To the enterprise user who posted the need. */
export function newProductNotification(notice: MatchNotice, userId: string): NotificationItem {
  return {
    userId,
    kind: 'match_new_product',
    title: `新的匹配产品：${notice.productName}`,
    body: `您的融资需求“${notice.needTitle}”匹配到${notice.institutionName}的“${notice.productName}”，匹配度${notice.score}分。`,
    data: dataOf(notice),
    dedupeKey: matchDedupeKey(notice.needId, notice.productId),
  };
}

/** To each account manager of the institution that offers the product. */
export function newNeedNotification(notice: MatchNotice, userId: string): NotificationItem {
  return {
    userId,
    kind: 'match_new_need',
    title: `新的匹配需求：${notice.needTitle}`,
    body: `您的产品“${notice.productName}”匹配到一条融资需求：${yuanText(notice.needAmount)}，${notice.needTermMonths}个月，匹配度${notice.score}分。`,
    data: dataOf(notice),
    dedupeKey: matchDedupeKey(notice.needId, notice.productId),
  };
}

function dataOf(notice: MatchNotice): NotificationItem['data'] {
  return { needId: notice.needId, productId: notice.productId, score: notice.score };
}
