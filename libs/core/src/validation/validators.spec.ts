import { validate, type ValidationError } from 'class-validator';
import { DISTRICT_CODES } from '../vocabulary';
import {
  IS_BASIS_POINTS,
  IS_CODE,
  IS_CREDIT_CODE,
  IS_YUAN,
  IsBasisPoints,
  MaxChars,
  NotBlank,
  IsCode,
  IsCreditCode,
  IsYuan,
} from './validators';

function build<T extends object>(Dto: new () => T, values: Partial<T>): T {
  return Object.assign(new Dto(), values);
}

async function constraintsOf(object: object): Promise<Record<string, Record<string, string>>> {
  const errors: ValidationError[] = await validate(object);
  return Object.fromEntries(errors.map((error) => [error.property, error.constraints ?? {}]));
}

class CompanyDto {
  @IsCreditCode()
  creditCode!: unknown;
}

class CompaniesDto {
  @IsCreditCode({ each: true })
  creditCodes!: unknown;
}

class DistrictDto {
  @IsCode(DISTRICT_CODES)
  district!: unknown;
}

class DistrictsDto {
  @IsCode(DISTRICT_CODES, { each: true })
  districts!: unknown;
}

class LoanDto {
  @IsYuan(10_000, 100_000_000)
  amount!: unknown;

  @IsBasisPoints()
  rate!: unknown;
}

class NarrowRateDto {
  @IsBasisPoints(100, 1500, { message: '利率超出范围' })
  rate!: unknown;
}

describe(IsCreditCode.name, () => {
  it('should accept a valid credit code', async () => {
    expect(await constraintsOf(build(CompanyDto, { creditCode: '914403001922038216' }))).toEqual(
      {},
    );
  });

  it('should name the check character problem in the message', async () => {
    const errors = await constraintsOf(build(CompanyDto, { creditCode: '914403001922038217' }));
    expect(errors).toEqual({
      creditCode: { [IS_CREDIT_CODE]: '统一社会信用代码无效 (creditCode): check character' },
    });
  });

  it.each([
    ['length', '91440300192203821'],
    ['charset', '9144030071526726xg'],
  ])('should name the %s problem in the message', async (problem, creditCode) => {
    const errors = await constraintsOf(build(CompanyDto, { creditCode }));
    expect(errors.creditCode[IS_CREDIT_CODE]).toBe(`统一社会信用代码无效 (creditCode): ${problem}`);
  });

  it.each([
    ['a number', 914403001922038],
    ['null', null],
    ['undefined', undefined],
  ])('should reject %s', async (_name, creditCode) => {
    const errors = await constraintsOf(build(CompanyDto, { creditCode }));
    expect(errors.creditCode[IS_CREDIT_CODE]).toBe(
      '统一社会信用代码无效 (creditCode): not a string',
    );
  });

  it('should point at the first invalid item with { each: true }', async () => {
    const valid = await constraintsOf(
      build(CompaniesDto, { creditCodes: ['914403001922038216', '9144030071526726XG'] }),
    );
    expect(valid).toEqual({});

    const invalid = await constraintsOf(
      build(CompaniesDto, { creditCodes: ['914403001922038216', '9144030071526726XH'] }),
    );
    expect(invalid.creditCodes[IS_CREDIT_CODE]).toBe(
      '统一社会信用代码无效 (creditCodes[1]): check character',
    );
  });
});

describe(IsCode.name, () => {
  it('should accept a code of the list', async () => {
    expect(await constraintsOf(build(DistrictDto, { district: 'laoshan' }))).toEqual({});
  });

  it.each([
    ['an unknown code', 'atlantis'],
    ['a label instead of a code', '崂山区'],
    ['a code in the wrong case', 'Laoshan'],
    ['a number', 370212],
    ['undefined', undefined],
  ])('should reject %s and list the allowed codes', async (_name, district) => {
    const errors = await constraintsOf(build(DistrictDto, { district }));
    expect(errors.district[IS_CODE]).toBe(
      `district 必须是以下代码之一: ${DISTRICT_CODES.join(', ')}`,
    );
  });

  it('should check every item with { each: true }', async () => {
    expect(await constraintsOf(build(DistrictsDto, { districts: ['shinan', 'laoshan'] }))).toEqual(
      {},
    );

    const errors = await constraintsOf(
      build(DistrictsDto, { districts: ['shinan', 'qingdao', 'laoshan'] }),
    );
    expect(errors.districts[IS_CODE]).toMatch(/^districts\[1\] 必须是以下代码之一: shinan, /);
  });

  it('should refuse an empty list of allowed codes', () => {
    expect(() => IsCode([])).toThrow(RangeError);
  });
});

describe(IsYuan.name, () => {
  it.each([10_000, 5_000_000, 100_000_000])('should accept %d yuan', async (amount) => {
    expect(await constraintsOf(build(LoanDto, { amount, rate: 435 }))).toEqual({});
  });

  it.each([
    ['below the minimum', 9_999],
    ['above the maximum', 100_000_001],
    ['a fraction of a yuan', 10_000.5],
    ['a numeric string', '50000'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['beyond the safe integers', 2 ** 53],
  ])('should reject an amount %s', async (_name, amount) => {
    const errors = await constraintsOf(build(LoanDto, { amount, rate: 435 }));
    expect(errors.amount[IS_YUAN]).toBe('amount 必须是 10000 到 100000000 之间的整数 (元)');
  });

  it('should refuse a range that is upside down or not made of integers', () => {
    expect(() => IsYuan(10, 1)).toThrow(RangeError);
    expect(() => IsYuan(0, 0.5)).toThrow(RangeError);
  });
});

describe(IsBasisPoints.name, () => {
  it.each([0, 435, 3600])('should accept %d basis points by default', async (rate) => {
    expect(await constraintsOf(build(LoanDto, { amount: 10_000, rate }))).toEqual({});
  });

  it.each([
    ['negative', -1],
    ['above 36%', 3601],
    ['given as a percentage', 4.35],
    ['a string', '435'],
  ])('should reject a rate %s', async (_name, rate) => {
    const errors = await constraintsOf(build(LoanDto, { amount: 10_000, rate }));
    expect(errors.rate[IS_BASIS_POINTS]).toBe('rate 必须是 0 到 3600 之间的整数 (基点)');
  });

  it('should honour a narrower range and a custom message', async () => {
    expect(await constraintsOf(build(NarrowRateDto, { rate: 435 }))).toEqual({});
    const errors = await constraintsOf(build(NarrowRateDto, { rate: 50 }));
    expect(errors.rate).toEqual({ [IS_BASIS_POINTS]: '利率超出范围' });
  });
});

describe(MaxChars.name, () => {
  class Named {
    @MaxChars(3)
    name!: unknown;
  }
  const check = (name: unknown) => validate(Object.assign(new Named(), { name }));

  it('should count code points as the database does', async () => {
    expect(await check('青岛市')).toHaveLength(0);
    expect(await check('❤️❤️')).toHaveLength(1);
  });

  it('should refuse a non-string', async () => {
    expect(await check(123)).toHaveLength(1);
  });
});

describe(NotBlank.name, () => {
  class Message {
    @NotBlank()
    body!: unknown;
  }
  const check = (body: unknown) => validate(Object.assign(new Message(), { body }));

  it('should take text with anything but white space in it', async () => {
    expect(await check('  好 ')).toHaveLength(0);
    expect(await check('\u200b')).toHaveLength(0);
  });

  it('should refuse empty text, white space only and non-strings', async () => {
    for (const body of ['', ' \n\t\r ', '\u3000', 42, null]) {
      const errors = await check(body);
      expect(errors.map((e) => Object.keys(e.constraints ?? {}))).toEqual([['isNotBlank']]);
    }
  });
});
