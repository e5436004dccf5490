import { encode } from 'iconv-lite';
import { detectEncoding } from './text-encoding';

const CHINESE = '统一社会信用代码,企业名称\n91370212MA3C000000,青岛海洋科技有限公司\n';

describe(detectEncoding.name, () => {
  it('should read a UTF-8 byte-order mark first', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHINESE)]);
    expect(detectEncoding(bytes, true)).toEqual({ encoding: 'utf-8', bomLength: 3 });
  });

  it('should take valid UTF-8 without a mark as UTF-8', () => {
    expect(detectEncoding(Buffer.from(CHINESE), true)).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
    });
  });

  it('should take GBK-encoded Chinese as GB18030', () => {
    expect(detectEncoding(encode(CHINESE, 'gbk'), true).encoding).toBe('gb18030');
  });

  it('should recognise even a very short GBK file', () => {
    expect(detectEncoding(encode('资质', 'gbk'), true).encoding).toBe('gb18030');
  });

  it('should take plain ASCII as UTF-8', () => {
    expect(detectEncoding(Buffer.from('creditCode,enterpriseName\n'), true).encoding).toBe('utf-8');
  });

  it('should not hold a character cut off at the end of a prefix against UTF-8', () => {
    const bytes = Buffer.from('企业名称');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('gb18030');
  });
});
