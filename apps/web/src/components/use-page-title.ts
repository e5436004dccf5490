import { useEffect } from 'react';

const SITE = '科金桥 · 科技金融对接平台';

/** The tab's title names the page first, as screen readers and tab lists read it. */
export function usePageTitle(page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} - ${SITE}` : SITE;
  }, [page]);
}
