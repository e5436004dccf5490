import {
  codesOf,
  DISTRICT_CODES,
  DISTRICTS,
  DOCKING_ACTIONS,
  INSTITUTION_KINDS,
  labelOf,
  ORGANIZATION_KIND_CODES,
  QUALIFICATIONS,
  VOCABULARY,
  type District,
} from './vocabulary';

const LISTS = Object.entries(VOCABULARY);

describe('VOCABULARY', () => {
  it.each(LISTS)('should have at least one code in %s', (_name, list) => {
    expect(list.length).toBeGreaterThan(0);
  });

  it.each(LISTS)('should have unique codes in %s', (_name, list) => {
    const codes = codesOf(list);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(LISTS)('should use lower snake case codes in %s', (_name, list) => {
    for (const { code } of list) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it.each(LISTS)('should give every code in %s a non-empty label', (_name, list) => {
    for (const { label } of list) {
      expect(label.trim()).not.toBe('');
    }
  });

  it('should give every district a six-digit Qingdao administrative code', () => {
    for (const { adminCode } of DISTRICTS) {
      expect(adminCode).toMatch(/^3702\d{2}$/);
    }
    expect(new Set(DISTRICTS.map((district) => district.adminCode)).size).toBe(DISTRICTS.length);
  });

  it('should only list organisation kinds as institution kinds', () => {
    for (const kind of INSTITUTION_KINDS) {
      expect(ORGANIZATION_KIND_CODES).toContain(kind);
    }
  });

  it('should not count enterprises or the service centre as institutions', () => {
    expect(INSTITUTION_KINDS).not.toContain('enterprise');
    expect(INSTITUTION_KINDS).not.toContain('service_center');
  });
});

describe(codesOf.name, () => {
  it('should list the codes in their declared order', () => {
    expect(DISTRICT_CODES.slice(0, 3)).toEqual(['shinan', 'shibei', 'huangdao']);
    expect(DISTRICT_CODES).toHaveLength(DISTRICTS.length);
  });
});

describe(labelOf.name, () => {
  it('should return the Chinese label of a code', () => {
    expect(labelOf(DISTRICTS, 'laoshan')).toBe('崂山区');
    expect(labelOf(QUALIFICATIONS, 'little_giant')).toBe('专精特新"小巨人"');
    expect(labelOf(DOCKING_ACTIONS, 'request_info')).toBe('要求补充材料');
  });

  it('should throw on a code that is not in the list', () => {
    expect(() => labelOf(DISTRICTS, 'atlantis' as District)).toThrow(RangeError);
  });
});
