import { normalizePersian } from "@city137/core/text";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

export interface PickableCategory {
  id: string;
  /** The path shown and searched, e.g. "خدمات شهری › پسماند › جمع‌آوری زباله". */
  label: string;
}

const fold = (s: string) => normalizePersian(s).toLowerCase().replace(/\u200c/g, " ");

/**
 * A keyboard-first combobox: type part of a category's name (any form of ی/ک,
 * with or without نیم‌فاصله), move with the arrows, Enter picks. The chosen id
 * travels in a hidden input, so the form works like any other.
 */
export function CategoryPicker({
  name,
  categories,
  defaultId,
  invalid,
  describedBy,
  onChange,
}: {
  name: string;
  categories: PickableCategory[];
  defaultId?: string | null;
  invalid?: boolean;
  describedBy?: string;
  onChange?: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const initial = categories.find((c) => c.id === defaultId) ?? null;
  const [chosen, setChosen] = useState<PickableCategory | null>(initial);
  const [query, setQuery] = useState(initial?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (chosen && query === chosen.label) return [];
    return categories.filter((c) => words.every((w) => fold(c.label).includes(w))).slice(0, 12);
  }, [categories, query, chosen]);

  const choose = (c: PickableCategory) => {
    setChosen(c);
    setQuery(c.label);
    setOpen(false);
    onChange?.(c.id);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter" && open && matches[active]) {
      e.preventDefault();
      choose(matches[active]!);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };
  const showList = open && query.trim() !== "" && !(chosen && query === chosen.label);
  return (
    <div className="combo">
      <input
        id={name}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && matches[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={t("work.intake.categoryPlaceholder")}
        value={query}
        data-testid="category-search"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
          if (chosen) {
            setChosen(null);
            onChange?.(null);
          }
        }}
        onKeyDown={onKey}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      {showList && (
        <ul id={listId} role="listbox" className="combo-list" data-testid="category-options">
          {matches.length === 0 && <li className="muted">{t("work.intake.categoryNone")}</li>}
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              {c.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
