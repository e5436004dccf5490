import {
  matchDedupeKey,
  MatchNotice,
  newNeedNotification,
  newProductNotification,
} from './match-notifications';

const notice: MatchNotice = {
  needId: 'need-1',
  needTitle: '智能传感器中试线资金需求',
  needAmount: 5_000_000,
  needTermMonths: 24,
  productId: 'product-1',
  productName: '科技型企业信用贷',
  institutionName: '青岛测试银行',
  score: 72,
};

describe(newProductNotification.name, () => {
  it('should tell the enterprise which product of which institution matched, and how well', () => {
    expect(newProductNotification(notice, 'user-e')).toEqual({
      userId: 'user-e',
      kind: 'match_new_product',
      title: '新的匹配产品：科技型企业信用贷',
      body: '您的融资需求“智能传感器中试线资金需求”匹配到青岛测试银行的“科技型企业信用贷”，匹配度72分。',
      data: { needId: 'need-1', productId: 'product-1', score: 72 },
      dedupeKey: 'match:need-1:product-1',
    });
  });
});

describe(newNeedNotification.name, () => {
  it('should tell the institution the need in terms, without naming who posted it', () => {
    const item = newNeedNotification(notice, 'user-i');

    expect(item).toMatchObject({
      userId: 'user-i',
      kind: 'match_new_need',
      title: '新的匹配需求：智能传感器中试线资金需求',
      data: { needId: 'need-1', productId: 'product-1', score: 72 },
    });
    expect(item.body).toBe(
      '您的产品“科技型企业信用贷”匹配到一条融资需求：500万元，24个月，匹配度72分。',
    );
  });

  it('should share the dedupe key of the pair with the enterprise side', () => {
    expect(newNeedNotification(notice, 'u').dedupeKey).toBe(
      newProductNotification(notice, 'u').dedupeKey,
    );
    expect(matchDedupeKey('a', 'b')).toBe('match:a:b');
  });
});
