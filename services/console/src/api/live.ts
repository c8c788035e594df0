import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { currentSession, refresh } from './session';

/**
 * Follows the gateway's event stream (GET /events, server-sent events fed by Kafka) while signed
 * in as staff: each change (an offer made or answered, a run finishing, a flat becoming available)
 * refreshes what the screens show (staff receive every change; a landlord those of their own flats,
 * a caseworker the offers of their caseload: the gateway decides). Read with fetch rather than EventSource, which cannot send the
 * access token; the stream ends when the token expires and is reopened with a fresh one, and
 * after a break everything is refetched (events may have been missed meanwhile).
 */
export function useLiveUpdates(enabled: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let controller: AbortController | undefined;
    const follow = async () => {
      let delay = 1_000;
      while (!stopped) {
        try {
          let session = currentSession();
          if (!session || session.expiresAt - Date.now() < 30_000) session = await refresh();
          if (!session || stopped) return;
          controller = new AbortController();
          const response = await fetch('/events', { headers: { authorization: `Bearer ${session.accessToken}`, accept: 'text/event-stream' }, signal: controller.signal });
          if (!response.ok || !response.body) throw new Error(`event stream refused: ${response.status}`);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
              if (type === 'ready') {
                setConnected(true);
                delay = 1_000;
              } else if (type === 'message') void client.invalidateQueries();
            }
          }
        } catch {
          // Connection lost or refused: retried below.
        }
        setConnected(false);
        if (stopped) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
        void client.invalidateQueries();
      }
    };
    void follow();
    return () => {
      stopped = true;
      controller?.abort();
    };
  }, [enabled, client]);
  return connected;
}
