import {
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
} from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DIGITS = '0123456789';
const FORBIDDEN = ['I', 'O', 'Z', 'S', 'V'];

// Published codes of well-known companies, each checked against the algorithm before being
// added here: they pin the implementation to the real world, not just to itself.
const REAL_CODES: ReadonlyArray<[company: string, code: string]> = [
  ['华为技术有限公司', '914403001922038216'],
  ['深圳市腾讯计算机系统有限公司', '9144030071526726XG'],
  ['阿里巴巴(中国)有限公司', '91330100799655058B'],
  ['北京百度网讯科技有限公司', '91110000802100433B'],
  ['北京字节跳动科技有限公司', '91110108551385082Q'],
  ['小米通讯技术有限公司', '91110108558521630L'],
  ['比亚迪股份有限公司', '91440300192317458F'],
  ['中兴通讯股份有限公司', '9144030027939873X7'],
  ['贵州茅台酒股份有限公司', '91520000214434146R'],
  ['中国平安保险(集团)股份有限公司', '91440300100012316L'],
  ['招商银行股份有限公司', '9144030010001686XA'],
  ['中国工商银行股份有限公司', '91100000100003962T'],
  ['海尔集团公司 (青岛)', '91370200163562681G'],
  ['海尔智家股份有限公司 (青岛)', '91370200264574251E'],
  ['青岛银行股份有限公司', '91370200264609602K'],
];

function replaceAt(value: string, index: number, char: string): string {
  return value.slice(0, index) + char + value.slice(index + 1);
}

function swapAt(value: string, index: number): string {
  return value.slice(0, index) + value[index + 1] + value[index] + value.slice(index + 2);
}

// Deterministic, so a failing property run can be reproduced.
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBody(random: () => number): string {
  let body = '';
  for (let i = 0; i < 17; i++) {
    const pool = i >= 2 && i < 8 ? DIGITS : ALPHABET;
    body += pool[Math.floor(random() * pool.length)];
  }
  return body;
}

describe(creditCodeProblem.name, () => {
  it.each(REAL_CODES)('should accept the published code of %s', (_company, code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each(REAL_CODES)(
    'should reject every other check character for the code of %s',
    (_company, code) => {
      for (const char of ALPHABET) {
        if (char !== code[17]) {
          expect(creditCodeProblem(replaceAt(code, 17, char))).toBe('check_character');
        }
      }
    },
  );

  it('should reject two adjacent digits swapped', () => {
    // 华为 914403001922038216 with "92" and "16" swapped, and "19" in the body swapped.
    expect(creditCodeProblem('914403001292038216')).toBe('check_character');
    expect(creditCodeProblem('914403001922038261')).toBe('check_character');
    expect(creditCodeProblem('914403009122038216')).toBe('check_character');
  });

  it('should reject every swap of two different adjacent characters in a real code', () => {
    for (const [, code] of REAL_CODES) {
      for (let i = 0; i < 17; i++) {
        if (code[i] !== code[i + 1]) {
          expect(creditCodeProblem(swapAt(code, i))).not.toBeNull();
        }
      }
    }
  });

  it('should reject a code one character short or one too long', () => {
    expect(creditCodeProblem('91440300192203821')).toBe('length');
    expect(creditCodeProblem('9144030019220382160')).toBe('length');
  });

  it('should reject an empty string as too short', () => {
    expect(creditCodeProblem('')).toBe('length');
  });

  it('should reject lowercase letters rather than normalise them', () => {
    expect(creditCodeProblem('9144030071526726xg')).toBe('charset');
    expect(creditCodeProblem('9144030071526726Xg')).toBe('charset');
    expect(creditCodeProblem('91330100799655058b')).toBe('charset');
  });

  it.each(FORBIDDEN)('should reject the forbidden letter %s anywhere in the code', (letter) => {
    expect(creditCodeProblem(replaceAt('9144030071526726XG', 16, letter))).toBe('charset');
    expect(creditCodeProblem(replaceAt('9144030071526726XG', 17, letter))).toBe('charset');
    expect(creditCodeProblem(replaceAt('9144030071526726XG', 0, letter))).toBe('charset');
  });

  it('should reject a letter in the administrative division whatever the check character', () => {
    for (const char of ALPHABET) {
      expect(creditCodeProblem(`91A40300192203821${char}`)).toBe('charset');
      expect(creditCodeProblem(`9144030A192203821${char}`)).toBe('charset');
    }
  });

  it('should reject whitespace around an otherwise valid code', () => {
    expect(creditCodeProblem(' 914403001922038216')).toBe('length');
    expect(creditCodeProblem('91440300192203821 ')).toBe('charset');
  });
});

describe(isValidCreditCode.name, () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 914403001922038],
    ['an array', ['914403001922038216']],
    ['an object', { code: '914403001922038216' }],
  ])('should reject %s', (_name, value) => {
    expect(isValidCreditCode(value)).toBe(false);
  });

  it('should reject an empty string', () => {
    expect(isValidCreditCode('')).toBe(false);
  });
});

describe(creditCodeCheckCharacter.name, () => {
  it.each(REAL_CODES)('should compute the published check character for %s', (_company, code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['too short', '9144030019220382'],
    ['too long', '914403001922038216'],
    ['lowercase', '9144030071526726x'],
    ['a forbidden letter', '914403001922038I1'],
    ['a letter in the administrative division', '91A40300192203821'],
  ])('should throw on a body that is %s', (_name, body) => {
    expect(() => creditCodeCheckCharacter(body)).toThrow(RangeError);
  });
});

describe(makeCreditCode.name, () => {
  it.each(REAL_CODES)('should rebuild the published code of %s from its body', (_company, code) => {
    expect(makeCreditCode(code.slice(0, 17))).toBe(code);
  });

  it('should make valid codes whose every single-character change is caught', () => {
    const random = mulberry32(0x32100);
    const escaped: string[] = [];
    const misreported: string[] = [];

    for (let run = 0; run < 1000; run++) {
      const code = makeCreditCode(randomBody(random));
      if (!isValidCreditCode(code)) {
        escaped.push(code);
        continue;
      }
      for (let i = 0; i < 18; i++) {
        for (const char of ALPHABET) {
          if (char === code[i]) {
            continue;
          }
          const mutated = replaceAt(code, i, char);
          const inDivision = i >= 2 && i < 8;
          const expected = inDivision && !DIGITS.includes(char) ? 'charset' : 'check_character';
          const problem = creditCodeProblem(mutated);
          if (problem === null) {
            escaped.push(mutated);
          } else if (problem !== expected) {
            misreported.push(`${mutated}: ${problem}`);
          }
        }
      }
    }

    expect(escaped).toEqual([]);
    expect(misreported).toEqual([]);
  });
});
