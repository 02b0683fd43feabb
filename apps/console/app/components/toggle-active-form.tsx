import { Form } from "@remix-run/react";

/** One button that flips an item between active and inactive (nothing is ever deleted). */
export function ToggleActiveForm({ id, active, idName = "id", onLabel, offLabel }: { id: string; active: boolean; idName?: string; onLabel: string; offLabel: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="toggle" />
      <input type="hidden" name={idName} value={id} />
      <input type="hidden" name="active" value={String(!active)} />
      <button type="submit" className="small secondary">
        {active ? offLabel : onLabel}
      </button>
    </Form>
  );
}
