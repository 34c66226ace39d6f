import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRef } from 'react';
import { idempotencyKey, unwrap } from './api';

export interface CommandHeaders {
  'Idempotency-Key': string;
  'If-Match'?: string;
}

/**
 * Runs one command of the API: a fresh Idempotency-Key per form (kept across retries of the same
 * submission, so a double click writes once), If-Match with the ETag the page was read with, and on
 * success every listed query is refetched. The error is the API's problem+json (ProblemError).
 */
export function useCommand<T, V>(options: { etag?: string | undefined; invalidate: QueryKey[]; run: (vars: V, headers: CommandHeaders) => Promise<{ data?: T; error?: unknown; response: Response }>; onDone?: (data: T) => void }) {
  const queryClient = useQueryClient();
  const key = useRef(idempotencyKey());
  return useMutation({
    mutationFn: (vars: V) => unwrap(options.run(vars, { 'Idempotency-Key': key.current, ...(options.etag ? { 'If-Match': options.etag } : {}) })),
    onSuccess: async (data) => {
      key.current = idempotencyKey();
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onDone?.(data);
    },
    onError: () => {
      // a refusal wrote nothing; the corrected form is a new request
      key.current = idempotencyKey();
    },
  });
}
