// A bulletin's life: a draft, sent for signing (review), issued with its 文号, or void (replaced by a later issue).
export const BULLETIN_STATUSES = ['draft', 'review', 'issued', 'void'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

export const BULLETIN_STATUS_LABELS: Record<(typeof BULLETIN_STATUSES)[number], { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  review: { zh: '待签发', en: 'For signing' },
  issued: { zh: '已签发', en: 'Issued' },
  void: { zh: '已作废', en: 'Void' },
};
