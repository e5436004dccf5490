import { PeriodicTask } from './periodic-task';

describe(PeriodicTask.name, () => {
  it('should run at once, then every interval, never two rounds at a time', async () => {
    let rounds = 0;
    let inFlight = 0;
    let overlap = false;
    const task = new PeriodicTask('test', 10, async () => {
      rounds += 1;
      inFlight += 1;
      overlap ||= inFlight > 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
      inFlight -= 1;
    });
    task.start();
    task.start();
    expect(rounds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await task.stop();
    const after = rounds;
    expect(after).toBeGreaterThan(1);
    expect(overlap).toBe(false);
    expect(inFlight).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(rounds).toBe(after);
  });

  it('should keep going after a failed round', async () => {
    let rounds = 0;
    const task = new PeriodicTask('test', 10, () => {
      rounds += 1;
      return Promise.reject(new Error('boom'));
    });
    task.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await task.stop();
    expect(rounds).toBeGreaterThan(1);
  });
});
