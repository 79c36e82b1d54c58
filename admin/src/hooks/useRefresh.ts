import { useEffect, useRef } from 'react';

/** Calls `refresh` every `everyMs` while `active` and the tab is visible (the pages that follow sending mail). */
export const useRefresh = (refresh: () => void, active: boolean, everyMs = 5000) => {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [active, everyMs]);
};
