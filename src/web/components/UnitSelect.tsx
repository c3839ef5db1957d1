import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../api/hooks.ts';
import { useI18n } from '../i18n/index.tsx';

interface Node {
  value: string;
  title: string;
  children: Node[];
}

export function useScopeUnits() {
  return useApi('GET /api/v1/units', undefined, { staleTime: 60_000 });
}

/** Picks a unit of the user's scope from the tree; searchable by name or code. */
export function UnitSelect({
  value,
  onChange,
  allowClear,
  style,
  placeholder,
}: {
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const units = useScopeUnits();
  const treeData = useMemo(() => {
    if (!units.data) return [];
    const nodes = new Map<string, Node>(units.data.items.map((u) => [u.code, { value: u.code, title: u.name, children: [] }]));
    const roots: Node[] = [];
    for (const unit of units.data.items) {
      const node = nodes.get(unit.code)!;
      const parent = unit.parentCode ? nodes.get(unit.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [units.data]);
  return (
    <TreeSelect
      showSearch
      treeNodeFilterProp="title"
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear={allowClear}
      treeData={treeData}
      treeDefaultExpandedKeys={units.data ? [units.data.rootCode] : []}
      loading={units.isLoading}
      placeholder={placeholder ?? t('unit')}
      style={{ minWidth: 240, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
