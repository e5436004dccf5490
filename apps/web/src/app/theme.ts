import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults, darkened where its colours fall short of WCAG AA contrast (4.5:1 for
 * body text): the primary blue and its hover, the error red, and the tertiary text of captions.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorError: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
};
