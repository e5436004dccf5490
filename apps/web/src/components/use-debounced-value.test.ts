import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDebouncedValue } from './use-debounced-value';

describe(useDebouncedValue.name, () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should give the value only once typing pauses', () => {
    const { result, rerender } = renderHook(({ value }) => useDebouncedValue(value, 250), {
      initialProps: { value: '知' },
    });

    rerender({ value: '知识' });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    rerender({ value: '知识产权' });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(result.current).toBe('知');

    act(() => {
      vi.advanceTimersByTime(50);
    });
    expect(result.current).toBe('知识产权');
  });
});
