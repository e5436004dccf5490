import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';

/** Previous / next with where you are: all a result list of a few pages needs. */
export function Pager({
  page,
  pageCount,
  onChange,
}: {
  page: number;
  pageCount: number;
  onChange: (page: number) => void;
}) {
  return (
    <nav className="kjq-pager" aria-label="分页">
      <Button
        icon={<LeftOutlined aria-hidden />}
        disabled={page <= 1}
        onClick={() => onChange(page - 1)}
      >
        上一页
      </Button>
      <span aria-current="page">
        第 {page} / {pageCount} 页
      </span>
      <Button disabled={page >= pageCount} onClick={() => onChange(page + 1)}>
        下一页 <RightOutlined aria-hidden />
      </Button>
    </nav>
  );
}
