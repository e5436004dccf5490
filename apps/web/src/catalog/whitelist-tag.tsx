import { Tag } from 'antd';

/** Marks a product only whitelisted enterprises may apply for; darker than antd's gold, for contrast. */
export function WhitelistTag() {
  return <Tag className="kjq-tag-whitelist">白名单企业专享</Tag>;
}
