// 外出招商 and 来访接待: the kinds of a trip record and the states of its review (⚙ staff.tripApproval).

export const TRIP_KINDS = ['trip', 'reception'] as const;
export type TripKind = (typeof TRIP_KINDS)[number];
export const TRIP_KIND_LABELS: Record<TripKind, { zh: string; en: string }> = {
  trip: { zh: '外出招商', en: 'Trip' },
  reception: { zh: '来访接待', en: 'Reception' },
};

export const TRIP_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
export const TRIP_STATUS_LABELS: Record<TripStatus, { zh: string; en: string }> = {
  submitted: { zh: '已填报', en: 'Submitted' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
};
