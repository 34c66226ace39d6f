import { diffWords } from 'diff';
import { useId, useState } from 'react';
import type { Schemas } from '../../shared/api';
import { formatDateTime } from '../../shared/dates';
import { Select } from '../../shared/ui';

type Proposal = Schemas['ProposalDto'];

const origin = (v: Schemas['ProposalVersionDto']) => (v.origin.by === 'body' ? `geändert durch ${v.origin.bodyName ?? 'ein Gremium'}` : 'Verwaltung');

/** Every version of a proposal, and the words changed between any two of them. */
export function ProposalVersions({ proposal }: { proposal: Proposal }) {
  const id = useId();
  const versions = proposal.versions;
  const [from, setFrom] = useState(versions.length > 1 ? versions[versions.length - 2]!.version : 1);
  const [to, setTo] = useState(proposal.currentVersion);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  return (
    <details className="kern-accordion proposal-versions">
      <summary className="kern-accordion__header">
        <span className="kern-title">
          {versions.length === 1 ? '1 Fassung' : `${versions.length} Fassungen`} (aktuell Fassung {proposal.currentVersion})
        </span>
      </summary>
      <div className="kern-accordion__body">
        <ol className="kern-list">
          {versions.map((v) => (
            <li key={v.version}>
              Fassung {v.version} · {origin(v)}
              {v.at ? `, ${formatDateTime(v.at)}` : ''}
              {v.released ? '' : ' · nicht freigegeben'}
            </li>
          ))}
        </ol>
        {versions.length > 1 && a && b ? (
          <div className="diff">
            <div className="diff__pick">
              <label className="kern-label" htmlFor={`${id}-from`}>
                Vergleiche Fassung
              </label>
              <Select id={`${id}-from`} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </Select>
              <label className="kern-label" htmlFor={`${id}-to`}>
                mit Fassung
              </label>
              <Select id={`${id}-to`} value={to} onChange={(e) => setTo(Number(e.target.value))}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </Select>
            </div>
            <p className="kern-body diff__text" aria-label={`Änderungen von Fassung ${from} zu Fassung ${to}`}>
              {diffWords(a.text, b.text).map((part, i) =>
                part.added ? (
                  <ins key={i}>{part.value}</ins>
                ) : part.removed ? (
                  <del key={i}>{part.value}</del>
                ) : (
                  <span key={i}>{part.value}</span>
                ),
              )}
            </p>
          </div>
        ) : null}
      </div>
    </details>
  );
}
