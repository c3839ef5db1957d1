// 岗位 of the promotion team, with the out-of-city quota each is held to (web and server share them).

/** 岗位: the posts a quota applies to (the quota of each is a setting ⚙ `staff.quota.<post>`, in percent). */
export const STAFF_POSTS = ['investment_leader', 'park_head', 'party_leader'] as const;
export type StaffPost = (typeof STAFF_POSTS)[number];
export const STAFF_POST_LABELS: Record<StaffPost, { zh: string; en: string }> = {
  investment_leader: { zh: '招商分管领导', en: 'Investment-promotion leader' },
  park_head: { zh: '园区主要负责人', en: 'Head of park' },
  party_leader: { zh: '党政主要领导', en: 'Principal Party or government leader' },
};
/** The settings key of a post's quota. */
export const quotaSetting = (post: StaffPost) => `staff.quota.${post}` as const;
