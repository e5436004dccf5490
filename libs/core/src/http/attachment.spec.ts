import { attachmentDisposition } from './attachment';

describe(attachmentDisposition.name, () => {
  it('should give the name in UTF-8 and the ASCII fallback beside it', () => {
    expect(
      attachmentDisposition('科技型企业白名单-2026-05-20.csv', 'whitelist-2026-05-20.csv'),
    ).toBe(
      `attachment; filename="whitelist-2026-05-20.csv"; ` +
        `filename*=UTF-8''%E7%A7%91%E6%8A%80%E5%9E%8B%E4%BC%81%E4%B8%9A%E7%99%BD%E5%90%8D%E5%8D%95-2026-05-20.csv`,
    );
  });

  it("should encode what RFC 8187 does not allow bare, ' ( ) * included", () => {
    expect(attachmentDisposition("名单 (2026)'*.csv", 'list.csv')).toBe(
      `attachment; filename="list.csv"; filename*=UTF-8''%E5%90%8D%E5%8D%95%20%282026%29%27%2A.csv`,
    );
  });

  it.each(['名单.csv', 'a"b.csv', 'a\\b.csv', '100%.csv', 'a\r\nb.csv', ''])(
    'should refuse %j as a fallback',
    (fallback) => {
      expect(() => attachmentDisposition('名单.csv', fallback)).toThrow(RangeError);
    },
  );
});
