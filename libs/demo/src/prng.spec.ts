import { Prng, seedOf } from './prng';

describe(Prng.name, () => {
  it('should repeat the same sequence for the same seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(
      Array.from({ length: 20 }, () => b.next()),
    );
  });

  it('should give a different sequence for another seed', () => {
    expect(new Prng(1).next()).not.toBe(new Prng(2).next());
  });

  it('should keep int() within its bounds, both ends reached', () => {
    const rng = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('should sample distinct items', () => {
    const picked = new Prng(9).sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(picked).size).toBe(3);
  });

  it('should make UUIDs of version 4 shape', () => {
    const rng = new Prng(5);
    for (let i = 0; i < 50; i++) {
      expect(rng.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('should turn strings into stable seeds', () => {
    expect(seedOf('demo')).toBe(seedOf('demo'));
    expect(seedOf('demo')).not.toBe(seedOf('demo2'));
  });
});
