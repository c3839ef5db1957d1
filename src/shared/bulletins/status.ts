// A bulletin's life: a draft, sent for signing (review), issued with its 文号, or void (replaced by a later issue).
export const BULLETIN_STATUSES = ['draft', 'review', 'issued', 'void'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
