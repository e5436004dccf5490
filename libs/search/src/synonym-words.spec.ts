import { SynonymWords } from './synonym-words';

describe('SynonymWords', () => {
  const words = new SynonymWords([
    ['知识产权质押', '知产贷', 'IP质押', '知识产权质押贷'],
    ['股权投资', '风投', 'VC', 'PE'],
    ['信用贷', '纯信用贷'],
  ]);

  it('should give the whole group of every word a text mentions', () => {
    expect(words.in(['本行知产贷，最快三天放款'])).toEqual([
      '知识产权质押',
      '知产贷',
      'IP质押',
      '知识产权质押贷',
    ]);
  });

  it('should read several texts and list each group once, in group order', () => {
    expect(words.in(['纯信用贷', '知识产权质押贷款', '知产贷'])).toEqual([
      '知识产权质押',
      '知产贷',
      'IP质押',
      '知识产权质押贷',
      '信用贷',
      '纯信用贷',
    ]);
  });

  it('should match Latin words whole and in any case', () => {
    expect(words.in(['早期vc基金'])).toEqual(['股权投资', '风投', 'VC', 'PE']);
    expect(words.in(['ip质押'])).toContain('知产贷');
    expect(words.in(['VCR设备', 'OPEN平台', 'PEAK'])).toEqual([]);
  });

  it('should give nothing for text without any word, or for no groups', () => {
    expect(words.in(['研发中试线建设', ''])).toEqual([]);
    expect(new SynonymWords([]).in(['知产贷'])).toEqual([]);
  });

  it('should treat pattern characters in words as plain text', () => {
    expect(new SynonymWords([['C++', 'cpp']]).in(['懂C++的团队'])).toEqual(['C++', 'cpp']);
    expect(new SynonymWords([['C++', 'cpp']]).in(['CCC'])).toEqual([]);
  });
});
