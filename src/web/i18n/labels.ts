// The label tables of the shared rule modules (the server prints the same ones in its Excel and Word documents),
// entered in the dictionary as `prefix.code`.

import { BLOCKER_STATUS_LABELS, BLOCKER_TYPE_LABELS } from '../../shared/blockers/rules.ts';
import { PLAN_STANDING_LABELS } from '../../shared/blockers/sponsor.ts';
import { DEPARTMENT_KIND_LABELS } from '../../shared/departments.ts';
import { MONEY_UNITS } from '../../shared/money.ts';
import { CURRENCY_LABELS } from '../../shared/projects/amounts.ts';
import {
  INVESTOR_TAG_LABELS,
  LEAD_SOURCE_LABELS,
  SOURCE_STEP_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
} from '../../shared/projects/classification.ts';
import { FIELD_LABELS } from '../../shared/projects/fields.ts';
import { MATCH_REASON_LABELS } from '../../shared/projects/match.ts';
import { CONTRACT_KIND_LABELS, STAGE_LABELS, STATUS_LABELS, TERMINATION_REASON_LABELS } from '../../shared/projects/stages.ts';
import { CAPITAL_TYPE_LABELS } from '../../shared/projects/tiers.ts';
import { ALERT_KIND_LABELS, ALERT_MESSAGE_TEMPLATES, SEVERITY_LABELS } from '../../shared/reporting/alerts.ts';
import { TASK_KIND_LABELS } from '../../shared/reporting/forms.ts';
import { COMPLIANCE_LABELS, RECURRENCE_LABELS } from '../../shared/reporting/periods.ts';
import { ROLE_LABELS } from '../../shared/roles.ts';
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from '../../shared/units.ts';
import { SETTING_LABELS, SETTING_OPTION_LABELS, SETTING_UNIT_LABELS } from '../../shared/settings.ts';
import { COMPANY_TAG_LABELS, CONTACT_KIND_LABELS, PIPELINE_STAGE_LABELS, SEGMENT_LABELS } from '../../shared/chains/rules.ts';
import { STAFF_POST_LABELS } from '../../shared/staff/posts.ts';
import { TRIP_KIND_LABELS, TRIP_STATUS_LABELS } from '../../shared/staff/trips.ts';
import { EVENT_KIND_LABELS } from '../../shared/staff/events.ts';
import { REWARD_EXCLUSION_LABELS, REWARD_STATUS_LABELS } from '../../shared/staff/advisors.ts';
import { SCORE_METRIC_LABELS, SCORE_PERIOD_LABELS, SCORED_GROUP_LABELS } from '../../shared/staff/scoreboard.ts';
import { labelGroup, type Messages } from './messages.ts';

/** Groups whose codes are not a closed list in the type (read with `tCode`, which falls back when a code has no label). */
export type OpenLabelPrefix = 'settingUnit' | 'settingOption';

export const labelMessages = {
  ...labelGroup('unitLevel', UNIT_LEVEL_LABELS),
  ...labelGroup('unitKind', UNIT_KIND_LABELS),
  ...labelGroup('alertKind', ALERT_KIND_LABELS),
  ...labelGroup('severity', SEVERITY_LABELS),
  ...labelGroup('alertMessage', ALERT_MESSAGE_TEMPLATES),
  ...labelGroup('recurrence', RECURRENCE_LABELS),
  ...labelGroup('compliance', COMPLIANCE_LABELS),
  ...labelGroup('taskKind', TASK_KIND_LABELS),
  ...labelGroup('capitalType', CAPITAL_TYPE_LABELS),
  ...labelGroup('projectType', PROJECT_TYPE_LABELS),
  ...labelGroup('projectLevel', PROJECT_LEVEL_LABELS),
  ...labelGroup('leadSource', LEAD_SOURCE_LABELS),
  ...labelGroup('sourceStep', SOURCE_STEP_LABELS),
  ...labelGroup('investorTag', INVESTOR_TAG_LABELS),
  ...labelGroup('currency', CURRENCY_LABELS),
  ...labelGroup('matchReason', MATCH_REASON_LABELS),
  ...labelGroup('field', FIELD_LABELS),
  ...labelGroup('stage', STAGE_LABELS),
  ...labelGroup('status', STATUS_LABELS),
  ...labelGroup('terminationReason', TERMINATION_REASON_LABELS),
  ...labelGroup('contractKind', CONTRACT_KIND_LABELS),
  ...labelGroup('planStanding', PLAN_STANDING_LABELS),
  ...labelGroup('blockerType', BLOCKER_TYPE_LABELS),
  ...labelGroup('blockerStatus', BLOCKER_STATUS_LABELS),
  ...labelGroup('role', ROLE_LABELS),
  ...labelGroup('moneyUnit', MONEY_UNITS),
  ...labelGroup('departmentKind', DEPARTMENT_KIND_LABELS),
  ...labelGroup('setting', SETTING_LABELS),
  ...labelGroup('settingUnit', SETTING_UNIT_LABELS),
  ...labelGroup('settingOption', SETTING_OPTION_LABELS),
  ...labelGroup('segment', SEGMENT_LABELS),
  ...labelGroup('companyTag', COMPANY_TAG_LABELS),
  ...labelGroup('pipelineStage', PIPELINE_STAGE_LABELS),
  ...labelGroup('contactKind', CONTACT_KIND_LABELS),
  ...labelGroup('tripKind', TRIP_KIND_LABELS),
  ...labelGroup('tripStatus', TRIP_STATUS_LABELS),
  ...labelGroup('staffPost', STAFF_POST_LABELS),
  ...labelGroup('eventKind', EVENT_KIND_LABELS),
  ...labelGroup('rewardStatus', REWARD_STATUS_LABELS),
  ...labelGroup('scoreMetric', SCORE_METRIC_LABELS),
  ...labelGroup('scorePeriod', SCORE_PERIOD_LABELS),
  ...labelGroup('scoredGroup', SCORED_GROUP_LABELS),
  ...labelGroup('rewardExclusion', REWARD_EXCLUSION_LABELS),
} as const satisfies Messages;
