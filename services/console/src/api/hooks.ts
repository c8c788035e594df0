import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './session';

/** A GET of /api<path>, cached under its path. */
export function useApi<T>(path: string | undefined, options: { refetchInterval?: number } = {}) {
  return useQuery({ queryKey: [path], queryFn: () => api<T>(path!), enabled: path !== undefined, ...options });
}

/** A write; every cached read is refreshed after it succeeds. */
export function useApiMutation<I, T = unknown>(request: (input: I) => { path: string; method?: string; body?: unknown }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => {
      const { path, method, body } = request(input);
      return api<T>(path, { method: method ?? 'POST', body });
    },
    onSuccess: () => client.invalidateQueries(),
  });
}
