import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { makeCreditCode } from '@app/core';
import { parse } from 'csv-parse';
import { decodeStream, encode } from 'iconv-lite';

export type FileEncoding = 'utf-8' | 'gbk';

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DIVISIONS = ['370202', '370203', '370211', '370212', '370213', '370214', '370281'];
const PLACES = ['青岛', '山东', '崂山', '黄岛', '即墨', '胶州', '城阳', '西海岸'];
const BRANDS = [
  '海晟',
  '瀚海',
  '蓝谷',
  '鲲鹏',
  '琴岛',
  '东方',
  '华创',
  '中科',
  '睿智',
  '恒信',
  '海纳',
  '泰和',
  '明德',
  '卓越',
  '浩宇',
  '凯瑞',
  '博远',
  '德润',
  '金桥',
  '启明',
  '汇通',
  '鼎盛',
  '星辰',
  '海洋',
  '润泽',
  '天诚',
  '众合',
  '嘉禾',
  '远航',
  '新锐',
  '澜湾',
  '沧海',
  '鸿图',
  '聚能',
  '思源',
  '同创',
];
const TRADES = [
  '智能科技',
  '生物医药',
  '海洋科技',
  '新材料',
  '电子信息',
  '软件技术',
  '精密机械',
  '环保科技',
  '新能源',
  '信息技术',
  '医疗器械',
  '工业互联网',
  '检测技术',
  '半导体',
];
const FORMS = ['有限公司', '股份有限公司', '有限责任公司'];
const QUALIFICATIONS = [
  '高新技术企业',
  '科技型中小企业',
  '专精特新',
  '专精特新"小巨人"',
  '瞪羚企业',
  '高新技术企业、科技型中小企业',
  '科技型中小企业、专精特新',
];

export const CSV_HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];

/** The i-th valid, distinct credit code of a run (`salt` keeps runs apart). */
function creditCode(i: number, salt: number): string {
  let n = i + salt * 1_000_003;
  let id = '';
  for (let k = 0; k < 9; k++) {
    id = CODE_ALPHABET[n % 31] + id;
    n = Math.floor(n / 31);
  }
  return makeCreditCode(`91${DIVISIONS[i % DIVISIONS.length]}${id}`);
}

function row(i: number, salt: number): string {
  // Deterministic but varied, so neighbouring rows differ as in a real list.
  const name =
    PLACES[i % PLACES.length] +
    BRANDS[(i * 7) % BRANDS.length] +
    TRADES[(i * 13) % TRADES.length] +
    FORMS[(i * 3) % FORMS.length];
  const qualifications = QUALIFICATIONS[(i * 5) % QUALIFICATIONS.length];
  const quoted = qualifications.includes('"')
    ? `"${qualifications.replace(/"/g, '""')}"`
    : qualifications;
  return `${creditCode(i, salt)},${name},${quoted},2026-01-01,2028-12-31\r\n`;
}

/**
 * Writes a whitelist CSV of `rows` valid data rows as Excel saves it: CRLF, UTF-8 with a BOM,
 * or GBK (GB18030) without one. Streams, so the bench never holds a file in memory.
 */
export async function writeWhitelistCsv(
  path: string,
  rows: number,
  encoding: FileEncoding,
  salt: number,
): Promise<number> {
  const out = createWriteStream(path);
  const put = async (text: string) => {
    const bytes = encoding === 'gbk' ? encode(text, 'gbk') : Buffer.from(text, 'utf8');
    if (!out.write(bytes)) await once(out, 'drain');
  };
  if (encoding === 'utf-8') await put('\uFEFF');
  await put(`${CSV_HEADER.join(',')}\r\n`);
  const CHUNK = 1_000;
  for (let start = 0; start < rows; start += CHUNK) {
    let text = '';
    for (let i = start; i < Math.min(rows, start + CHUNK); i++) text += row(i, salt);
    await put(text);
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/**
 * The baseline: the same file streamed through csv-parse alone (GBK files through iconv-lite
 * first, as nothing can parse them undecoded). Returns the data rows and the seconds taken.
 */
export async function parseOnly(
  path: string,
  encoding: FileEncoding,
): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  let records = 0;
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  parser.on('data', () => records++);
  if (encoding === 'gbk') {
    await pipeline(createReadStream(path), decodeStream('gb18030'), parser);
  } else {
    await pipeline(createReadStream(path), parser);
  }
  return { rows: records - 1, seconds: (performance.now() - started) / 1000 };
}
