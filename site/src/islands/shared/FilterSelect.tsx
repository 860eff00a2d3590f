/** A labelled select that narrows a list: "any" first, then the given choices. */
export interface Choice {
  value: string;
  label: string;
}

export function FilterSelect({
  id,
  label,
  any,
  value,
  choices,
  onChoose,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  choices: Choice[];
  onChoose: (value: string) => void;
}) {
  return (
    <div class="form-group">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChoose((e.target as HTMLSelectElement).value)}
      >
        <option value="">{any}</option>
        {choices.map((c) => (
          <option value={c.value}>{c.label}</option>
        ))}
      </select>
    </div>
  );
}
