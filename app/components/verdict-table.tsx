import { ProgressBar } from "./hours";
import { ScrollingTable } from "./scrolling-table";

export type VerdictRow = {
  key: string;
  label: string;
  /** Hours unless said; a "check" is done or not. */
  unit?: "hours" | "months" | "letters" | "check";
  required: number;
  earned: number;
  met: boolean;
  missing: string;
};

/** Each requirement with a progress bar, what the person has and what is still needed. */
export function VerdictTable({ rows, caption }: { rows: readonly VerdictRow[]; caption: string }) {
  return (
    <ScrollingTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Requirement</th>
          <th scope="col">Progress</th>
          <th scope="col">Provided</th>
          <th scope="col">Still needed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.label}</td>
            <td>
              <ProgressBar value={row.earned} max={row.required || 1} label={`${row.label}: ${row.earned} of ${row.required}`} />
            </td>
            <td>{row.unit === "check" ? (row.met ? "Done" : "Not yet") : `${row.earned} of ${row.required} ${row.unit ?? "hours"}`}</td>
            <td>{row.met ? "Met" : row.missing}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}
