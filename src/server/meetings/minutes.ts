import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { BLOCKER_TYPE_LABELS, type BlockerType } from '../../shared/blockers/rules.ts';
import type { AgendaItem } from '../../shared/api/meetings.ts';
import type { MeetingRow } from './queries.ts';

/** 会议纪要 (.docx, government-document style): time, place, chair, attendees, then each project's decisions and the blockers assigned. */
export async function minutesDocx(meeting: MeetingRow, unitName: string, items: AgendaItem[]): Promise<Buffer> {
  const body = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '仿宋_GB2312', size: 32 })] });
  const heading = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '黑体', size: 32 })] });
  const sub = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: '楷体_GB2312', size: 32 })] });
  const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const discussed = items.filter((i) => i.decision || i.blockers.some((b) => b.raisedHere));
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: 700 },
      children: [new TextRun({ text: `${meeting.title}会议纪要`, font: '方正小标宋简体', size: 44 })],
    }),
    body(
      `${Number(meeting.heldOn.slice(0, 4))}年${Number(meeting.heldOn.slice(5, 7))}月${Number(meeting.heldOn.slice(8, 10))}日，${meeting.chair ? `${meeting.chair}主持召开` : '召开'}${meeting.title}${meeting.location ? `（地点：${meeting.location}）` : ''}，逐一听取${items.length}个项目推进情况，研究解决存在问题。现将会议议定事项纪要如下：`,
    ),
    ...(meeting.notes ? [body(meeting.notes)] : []),
  ];
  discussed.forEach((item, index) => {
    children.push(heading(`${NUMERALS[index % 10]}、${item.project.name}`));
    if (item.decision) children.push(body(item.decision));
    const raised = item.blockers.filter((b) => b.raisedHere);
    raised.forEach((b, i) =>
      children.push(
        sub(
          `（${NUMERALS[i % 10]}）${BLOCKER_TYPE_LABELS[b.type as BlockerType]?.zh ?? b.type}：${b.description}。责任单位：${b.departments.join('、')}${b.deadline ? `；完成时限：${b.deadline}` : ''}。`,
        ),
      ),
    );
  });
  if (!discussed.length) children.push(body('本次会议未形成议定事项。'));
  if (meeting.attendees.length) children.push(body(`出席：${meeting.attendees.join('、')}。`));
  children.push(
    new Paragraph({
      spacing: { before: 600 },
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: unitName, font: '仿宋_GB2312', size: 32 })],
    }),
  );
  const document = new Document({
    creator: '招引 Zhaoyin',
    title: `${meeting.title}会议纪要`,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, left: 1588, bottom: 1985, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
