import { batchAllows, batchTarget } from './batch-status';

describe('batch status', () => {
  it('should publish a draft and revoke a published batch', () => {
    expect(batchAllows('draft', 'publish')).toBe(true);
    expect(batchAllows('published', 'revoke')).toBe(true);
    expect(batchTarget('publish')).toBe('published');
    expect(batchTarget('revoke')).toBe('revoked');
  });

  it('should refuse to revoke a draft or publish twice', () => {
    expect(batchAllows('draft', 'revoke')).toBe(false);
    expect(batchAllows('published', 'publish')).toBe(false);
  });

  it('should take imports into draft and published batches only', () => {
    expect(batchAllows('draft', 'import')).toBe(true);
    expect(batchAllows('published', 'import')).toBe(true);
    expect(batchAllows('revoked', 'import')).toBe(false);
  });

  it('should treat revoked as final', () => {
    for (const action of ['publish', 'revoke', 'import'] as const) {
      expect(batchAllows('revoked', action)).toBe(false);
    }
  });
});
