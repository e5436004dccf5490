import { passwordProblems, PasswordProblemCode } from './password-policy';

const codes = (password: string, context = {}): PasswordProblemCode[] =>
  passwordProblems(password, 10, context).map((problem) => problem.code);

describe(passwordProblems.name, () => {
  it.each([
    'Kejinqiao#2026',
    'Qingdao-Tech-2026',
    'E2e-Platform-Pass-2026',
    'Operator-Pass-2026',
    'Qingdao-Bench-2026',
  ])('should accept %s', (password) => {
    expect(passwordProblems(password, 10)).toEqual([]);
  });

  it('should accept a long Chinese passphrase with digits', () => {
    expect(passwordProblems('青岛崂山科技金融2026', 10)).toEqual([]);
  });

  it('should accept a passphrase of unrelated words without digits or capitals', () => {
    expect(passwordProblems('lantern orchid granite velvet', 10)).toEqual([]);
  });

  it('should refuse a short password', () => {
    expect(codes('Ab1')).toContain('too_short');
  });

  it('should refuse ten spaces and a digit as mostly blank', () => {
    expect(codes('          1')).toContain('mostly_blank');
  });

  it('should refuse a password that is long enough only with its surrounding spaces', () => {
    expect(codes('   Xq7#vK   ')).toEqual(expect.arrayContaining(['mostly_blank']));
  });

  it('should count full-width spaces as blank', () => {
    expect(codes('\u3000\u3000\u3000\u3000\u3000\u3000科技金融1')).toContain('mostly_blank');
  });

  it.each([['Password123'], ['1qaz2wsx3edc'], ['woaini1314'], ['Woaini1314!']])(
    'should refuse the common password %s',
    (password) => {
      expect(codes(password)).toContain('too_common');
    },
  );

  it('should refuse a password holding the email name', () => {
    expect(codes('zhangwei2026', { email: 'zhangwei@example.cn' })).toContain('contains_email');
  });

  it('should refuse a password holding the email name with its dot', () => {
    expect(codes('zhang.wei2026', { email: 'zhang.wei@example.cn' })).toContain('contains_email');
  });

  it.each([['王海平2026'], ['海川智能2026']])(
    'should refuse %s for 王海平 of 海川智能, naming the names rather than the year',
    (password) => {
      const problems = passwordProblems(password, 6, { name: '王海平', orgName: '海川智能' });
      expect(problems.map((problem) => problem.code)).toEqual(['contains_name']);
    },
  );

  it.each([
    ['keyboard_pattern', 'zxcvbnm,./'],
    ['repeated_character', 'aaaaaaaaaaaa'],
    ['sequence', 'abcdefghijkl'],
    ['common_word', 'Shakespeare'],
    ['common_word', 'Washington'],
  ])('should name the problem %s', (code, password) => {
    expect(codes(password)).toContain(code);
  });

  it('should give every problem a Chinese message', () => {
    const problems = passwordProblems('          1', 12, { email: 'a@b.cn' });
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) expect(problem.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(problems.find((problem) => problem.code === 'too_short')?.message).toContain('12');
  });

  it('should refuse an overlong password', () => {
    expect(codes(`Aa1${'x'.repeat(200)}`)).toEqual(['too_long']);
  });

  it('should count characters, not bytes', () => {
    expect(codes('科技金融桥1')).toContain('too_short');
  });
});
