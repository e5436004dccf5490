import { Clock } from './clock';

async function aMomentLater(): Promise<void> {
  const started = Date.now();
  while (Date.now() === started) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe(Clock.name, () => {
  it('should move with real time, ahead by what was advanced', () => {
    const clock = new Clock();
    clock.advance(60_000);
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now - before).toBeGreaterThanOrEqual(60_000);
    expect(now - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('should stand still once frozen, move only when advanced, and run again once reset', async () => {
    const clock = new Clock();
    clock.freeze();
    const frozen = clock.now().getTime();
    await aMomentLater();
    expect(clock.now().getTime()).toBe(frozen);
    clock.freeze();
    expect(clock.now().getTime()).toBe(frozen);

    clock.advance(999);
    expect(clock.now().getTime()).toBe(frozen + 999);

    clock.reset();
    await aMomentLater();
    expect(clock.now().getTime()).toBeGreaterThan(frozen);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
  });
});
