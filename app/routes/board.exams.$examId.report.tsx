import { ITEM_STATUS_LABELS, domainLabel } from "~/domain/exam-labels";
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { THRESHOLDS, type Measure, type Reliability } from "~/domain/item-analysis";
import {
  requireExam,
} from "~/models/exam-bank.server";
import { examReport } from "~/models/exam-report.server";
import stylesheet from "~/styles/exam-board.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Report: ${data?.name ?? "Exam"} · PeerPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam } = await requireExam(request, params.examId, "view:exam-reports:own-jurisdiction");
  const flaggedOnly = new URL(request.url).searchParams.get("flagged") === "1";
  const report = await examReport(exam.id);
  return json({
    id: exam.id,
    name: exam.name,
    flaggedOnly,
    report: { ...report, items: flaggedOnly ? report.items.filter((item) => item.flags.length > 0) : report.items },
    flaggedCount: report.items.filter((item) => item.flags.length > 0).length,
    itemCount: report.items.length,
  });
}

const fixed = (measure: Measure, places = 2) => (measure.value === null ? null : measure.value.toFixed(places));

function Value({ measure, places = 2 }: { measure: Measure; places?: number }) {
  const shown = fixed(measure, places);
  if (shown !== null) return <>{shown}</>;
  return (
    <>
      <span aria-hidden="true">n/a</span>
      <span className="visually-hidden">not available: {measure.reason}</span>
    </>
  );
}

function reliabilityWords(value: number | null) {
  if (value === null) return "";
  if (value >= 0.9) return "high enough for a high-stakes exam";
  if (value >= 0.8) return "good";
  if (value >= 0.7) return "acceptable";
  return "low: review the flagged items";
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** What the reliability figure was computed over, in words. */
function reliabilityBasis(reliability: Reliability) {
  const over =
    reliability.method === "KR-21"
      ? `${plural(reliability.candidates, "attempt")} on ${plural(reliability.forms, "different form")} of ${reliability.itemsPerForm} scored items drawn at random, so KR-21 (which allows for forms differing in difficulty) rather than KR-20, which needs every candidate to sit the same items`
      : `${plural(reliability.candidates, "attempt")} on one form of ${reliability.itemsPerForm} scored items`;
  const leftOut = reliability.leftOut
    ? `; ${plural(reliability.leftOut, "attempt")} on forms with another number of scored items ${reliability.leftOut === 1 ? "is" : "are"} left out`
    : "";
  return `Over ${over}${leftOut}. An unanswered item counts as wrong.`;
}

function duration(seconds: number | null) {
  if (seconds === null) return "n/a";
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes} min ${whole % 60} s`;
}

function Histogram({ bins, maxScore }: { bins: { from: number; to: number; count: number }[]; maxScore: number }) {
  const width = 600;
  const height = 220;
  const margin = { top: 16, right: 12, bottom: 40, left: 36 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const highest = Math.max(1, ...bins.map((bin) => bin.count));
  const barWidth = plotWidth / bins.length;
  const label = (bin: { from: number; to: number }) => (bin.to - bin.from === 1 ? `${bin.from}` : `${bin.from}–${Math.min(bin.to - 1, maxScore)}`);
  const description = bins.map((bin) => `${label(bin)}: ${bin.count}`).join("; ");
  return (
    <svg className="histogram" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="histogram-title histogram-desc">
      <title id="histogram-title">Number of candidates by raw score</title>
      <desc id="histogram-desc">Candidates per score range: {description}. The same figures are in the table below.</desc>
      <line x1={margin.left} y1={margin.top + plotHeight} x2={width - margin.right} y2={margin.top + plotHeight} />
      <line x1={margin.left} y1={margin.top} x2={margin.left} y2={margin.top + plotHeight} />
      <text x={margin.left - 6} y={margin.top + 4} textAnchor="end">
        {highest}
      </text>
      <text x={margin.left - 6} y={margin.top + plotHeight} textAnchor="end">
        0
      </text>
      {bins.map((bin, index) => {
        const barHeight = (bin.count / highest) * plotHeight;
        const x = margin.left + index * barWidth;
        return (
          <g key={bin.from}>
            <rect className="bar" x={x + 2} y={margin.top + plotHeight - barHeight} width={Math.max(1, barWidth - 4)} height={barHeight} />
            <text x={x + barWidth / 2} y={margin.top + plotHeight + 14} textAnchor="middle">
              {label(bin)}
            </text>
          </g>
        );
      })}
      <text x={margin.left + plotWidth / 2} y={height - 4} textAnchor="middle">
        Raw score
      </text>
    </svg>
  );
}

export default function ExamReportPage() {
  const { id, name, report, flaggedOnly, flaggedCount, itemCount } = useLoaderData<typeof loader>();
  const location = useLocation();
  const highest = Math.max(1, ...report.histogram.map((bin) => bin.count));
  const binLabel = (bin: { from: number; to: number }) => (bin.to - bin.from === 1 ? `${bin.from}` : `${bin.from} to ${Math.min(bin.to - 1, report.maxScore)}`);
  return (
    <div className="exam-board">
      <p>
        <Link to={`/board/exams/${id}`}>{name}</Link>
      </p>
      <h1>Report: how the exam and its items perform</h1>
      <p>
        From every submitted attempt. Each item version is analysed on its own, so an edited item starts fresh statistics and the figures of
        earlier versions stay as they were.
      </p>

      <section aria-labelledby="exam-heading">
        <h2 id="exam-heading">The exam</h2>
        {report.candidates === 0 ? <p>No attempt has been submitted yet, so there is nothing to analyse.</p> : null}
        <dl className="stats">
          <div>
            <dt>Submitted attempts</dt>
            <dd>{report.candidates}</dd>
          </div>
          <div>
            <dt>Mean raw score (of {report.maxScore})</dt>
            <dd>
              <Value measure={report.meanScore} places={1} />
            </dd>
          </div>
          <div>
            <dt>Standard deviation</dt>
            <dd>
              <Value measure={report.scoreSd} places={2} />
            </dd>
          </div>
          <div>
            <dt>Reliability ({report.reliability.method})</dt>
            <dd>
              <Value measure={report.reliability} places={2} />
            </dd>
          </div>
          <div>
            <dt>Pass rate</dt>
            <dd>{report.passRate.value === null ? "n/a" : `${Math.round(report.passRate.value * 1000) / 10}%`}</dd>
          </div>
          <div>
            <dt>Mean time taken</dt>
            <dd>{duration(report.meanSeconds.value)}</dd>
          </div>
        </dl>
        {report.reliability.value !== null ? (
          <p>
            {report.reliability.method} of {report.reliability.value.toFixed(2)} is {reliabilityWords(report.reliability.value)} (0.90 and above for
            high-stakes exams, 0.80 good, 0.70 acceptable). {reliabilityBasis(report.reliability)}
          </p>
        ) : (
          <p className="hint">
            {report.reliability.method} is not available: {report.reliability.reason}
          </p>
        )}
      </section>

      {report.candidates > 0 ? (
        <section aria-labelledby="distribution-heading">
          <h2 id="distribution-heading">Score distribution</h2>
          <figure>
            <Histogram bins={report.histogram} maxScore={report.maxScore} />
            <figcaption className="hint">Raw scores in ranges of {report.binWidth}; the table gives the same figures.</figcaption>
          </figure>
          <ScrollingTable caption="Candidates by raw score">
            <thead>
              <tr>
                <th scope="col">Raw score</th>
                <th scope="col" className="numeric">
                  Candidates
                </th>
                <th scope="col">
                  <span className="visually-hidden">Share of the largest range, as a bar</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {report.histogram.map((bin) => (
                <tr key={bin.from}>
                  <th scope="row">{binLabel(bin)}</th>
                  <td className="numeric">{bin.count}</td>
                  <td>
                    <span className="bar-cell" aria-hidden="true">
                      <span className="bar" style={{ width: `${(bin.count / highest) * 12}rem` }} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        </section>
      ) : null}

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Items</h2>
        <p>
          Flags follow the usual thresholds: review an item answered right by fewer than {THRESHOLDS.difficultyLow * 100}% or more than{" "}
          {THRESHOLDS.difficultyHigh * 100}% of candidates; discrimination (top 27% minus bottom 27%) below {THRESHOLDS.discrimination.toFixed(2)} is
          poor; a point-biserial below {THRESHOLDS.pointBiserial.toFixed(2)} is weak. &ldquo;n/a&rdquo; means too few answers, or no spread of
          scores, to compute the value. {flaggedCount} of {itemCount} item versions are flagged.
        </p>
        <Form method="get" key={location.search} className="inline-form">
          <div className="choice">
            <input type="checkbox" id="filter-flagged" name="flagged" value="1" defaultChecked={flaggedOnly} />
            <label htmlFor="filter-flagged">Only flagged items</label>
          </div>
          <button type="submit">Apply</button>
        </Form>
        <ScrollingTable caption={<>Item analysis{flaggedOnly ? ", flagged items only" : ""}</>}>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Domain</th>
              <th scope="col">Counted</th>
              <th scope="col" className="numeric">
                Answered
              </th>
              <th scope="col" className="numeric">
                Difficulty p
              </th>
              <th scope="col" className="numeric">
                Discrimination D
              </th>
              <th scope="col" className="numeric">
                Point-biserial
              </th>
              <th scope="col">Options chosen (correct marked)</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {report.items.length ? (
              report.items.map((item) => (
                <tr key={`${item.itemId}-${item.version}`}>
                  <th scope="row">
                    <Link to={`/board/exams/${id}/items/${item.itemId}`}>
                      {item.externalId} v{item.version}
                    </Link>
                    <br />
                    <span className="hint">{ITEM_STATUS_LABELS[item.status]} now</span>
                  </th>
                  <td>{domainLabel(item.domain)}</td>
                  <td>{item.scored ? "Scored" : "Pretest"}</td>
                  <td className="numeric">{item.answered}</td>
                  <td className="numeric">
                    <Value measure={item.difficulty} />
                  </td>
                  <td className="numeric">
                    <Value measure={item.discrimination} />
                  </td>
                  <td className="numeric">
                    <Value measure={item.pointBiserial} />
                  </td>
                  <td>
                    {item.optionIds.map((optionId, index) => (
                      <span key={optionId}>
                        {index ? ", " : ""}
                        {item.key.includes(optionId) ? <span className="key">{optionId} (correct)</span> : optionId}: {item.optionCounts[optionId] ?? 0}
                      </span>
                    ))}
                  </td>
                  <td>{item.flags.length ? <span className="flag">{item.flags.join("; ")}</span> : "None"}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={9}>{flaggedOnly ? "No item is flagged." : "No item has been delivered yet."}</td>
              </tr>
            )}
          </tbody>
        </ScrollingTable>
      </section>
    </div>
  );
}
