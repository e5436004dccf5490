import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { unwrap } from '../api/api-error';
import { api } from '../api/client';
import type { Vocabulary } from '../api/types';

export type VocabularyList = keyof Vocabulary;
export type CodeOf<L extends VocabularyList> = Vocabulary[L][number]['code'];

/** Codes change only with a new api: fetched once per visit. */
export function useVocabulary() {
  return useQuery({
    queryKey: ['vocabulary'],
    queryFn: () => unwrap(api.GET('/api/v1/vocabulary')),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** A code's Chinese label; the code itself while the vocabulary loads (or for a new code). */
export function labelIn<L extends VocabularyList>(
  vocabulary: Vocabulary | undefined,
  list: L,
  code: CodeOf<L>,
): string {
  const entries: readonly { code: string; label: string }[] = vocabulary?.[list] ?? [];
  return entries.find((entry) => entry.code === code)?.label ?? code;
}

/** `label('productKinds', 'credit_loan')` → 信用贷. */
export function useLabel(): <L extends VocabularyList>(list: L, code: CodeOf<L>) => string {
  const { data } = useVocabulary();
  return useCallback((list, code) => labelIn(data, list, code), [data]);
}
