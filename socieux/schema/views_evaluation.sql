-- Evaluation follow-up (docs/definitions.md, "Evaluation follow-up"): tracking status, overdue, filters.

-- A stored follow-up status as one of the four tracking statuses; NULL when none is stated. Uploads and the
-- page store the canonical spelling (aliases: socieux/workbook/evaluation_sheets.py).
CREATE MACRO tracking_status(stated) AS (
    CASE regexp_replace(lower(coalesce(stated, '')), '[^a-z]', '', 'g')
        WHEN 'notstarted' THEN 'Not started'
        WHEN 'inprogress' THEN 'In progress'
        WHEN 'done' THEN 'Done'
        WHEN 'dropped' THEN 'Dropped'
    END
);

-- Text compared whatever its case and accents (full-text search of the page).
CREATE MACRO folded(t) AS strip_accents(lower(coalesce(t, '')));

-- Which evaluations are in view: the facility's own unless organisations or evaluations are chosen.
CREATE MACRO evaluation_in_scope(is_own, organisation, evaluation_id, f_organisations, f_evaluations) AS (
    (f_organisations = [] OR organisation IN (SELECT unnest(f_organisations)))
    AND (f_evaluations = [] OR evaluation_id IN (SELECT unnest(f_evaluations)))
    AND (f_organisations <> [] OR f_evaluations <> [] OR is_own)
);

-- The latest update of each key action that states a status (recommendation-wide updates state none for
-- an action, so they never give one).
CREATE VIEW v_key_action_latest_status AS
SELECT evaluation_id, recommendation_id, action_id, tracking_status(status_as_printed) AS status,
       as_of_date AS status_date, text AS status_text
FROM followup_update
WHERE action_id IS NOT NULL AND tracking_status(status_as_printed) IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY evaluation_id, recommendation_id, action_id
    ORDER BY as_of_date DESC, recorded_at DESC NULLS LAST, sequence DESC NULLS LAST, update_id DESC
) = 1;

-- Every key action with its latest status and, as of a date, whether it is overdue: its period ends before
-- that date and it is neither done nor dropped. Progress puts each action in exactly one group.
CREATE MACRO key_action_tracking(f_as_of) AS TABLE
WITH tracked AS (
    SELECT
        a.*,
        e.organisation,
        e.is_facility_own,
        e.evaluation_year,
        e.title AS evaluation_title,
        r.sequence AS recommendation_sequence,
        r.text AS recommendation_text,
        coalesce(r.response, 'Not stated') AS response,
        r.response_text,
        r.considerations_text,
        coalesce(s.status, 'No status reported') AS latest_status,
        s.status_date,
        s.status_text,
        coalesce(a.period_end < coalesce(CAST(f_as_of AS DATE), current_date)
                 AND coalesce(s.status, '') NOT IN ('Done', 'Dropped'), false) AS is_overdue
    FROM key_action a
    JOIN evaluation e USING (evaluation_id)
    JOIN recommendation r USING (evaluation_id, recommendation_id)
    LEFT JOIN v_key_action_latest_status s USING (evaluation_id, recommendation_id, action_id)
)
SELECT *,
       CASE WHEN latest_status IN ('Done', 'Dropped') THEN latest_status
            WHEN is_overdue THEN 'Overdue'
            ELSE latest_status END AS progress
FROM tracked;

-- The key actions in view for the page's filters (every filter written once; an empty list = no filter).
CREATE MACRO filtered_key_actions(f_as_of, f_organisations, f_evaluations, f_responsibles, f_responses,
                                  f_statuses, f_search) AS TABLE
SELECT *
FROM key_action_tracking(f_as_of) t
WHERE evaluation_in_scope(t.is_facility_own, t.organisation, t.evaluation_id, f_organisations, f_evaluations)
  AND (f_responsibles = [] OR coalesce(t.responsible, 'Not stated') IN (SELECT unnest(f_responsibles)))
  AND (f_responses = [] OR t.response IN (SELECT unnest(f_responses)))
  AND (f_statuses = [] OR t.latest_status IN (SELECT unnest(f_statuses))
       OR (t.is_overdue AND 'Overdue' IN (SELECT unnest(f_statuses))))
  AND (f_search = '' OR contains(
        folded(concat_ws(' ', t.recommendation_id, t.action_id, t.text, t.responsible, t.period_text,
                         t.recommendation_text, t.response, t.response_text, t.considerations_text)),
        folded(f_search)));

-- The recommendations in view: with a responsible or status filter, those with a key action in view.
CREATE MACRO filtered_recommendations(f_as_of, f_organisations, f_evaluations, f_responsibles, f_responses,
                                      f_statuses, f_search) AS TABLE
SELECT r.* EXCLUDE (response), coalesce(r.response, 'Not stated') AS response,
       e.organisation, e.is_facility_own, e.evaluation_year, e.title AS evaluation_title
FROM recommendation r
JOIN evaluation e USING (evaluation_id)
WHERE evaluation_in_scope(e.is_facility_own, e.organisation, r.evaluation_id, f_organisations, f_evaluations)
  AND (f_responses = [] OR coalesce(r.response, 'Not stated') IN (SELECT unnest(f_responses)))
  AND (
      ((f_responsibles = [] AND f_statuses = [])
       AND (f_search = '' OR contains(folded(concat_ws(' ', r.recommendation_id, r.number_as_printed, r.title,
                                             r.addressed_to, r.text, r.response, r.response_text,
                                             r.considerations_text)), folded(f_search))))
      OR EXISTS (
          SELECT 1
          FROM filtered_key_actions(f_as_of, f_organisations, f_evaluations, f_responsibles, f_responses,
                                    f_statuses, f_search) k
          WHERE k.evaluation_id = r.evaluation_id AND k.recommendation_id = r.recommendation_id
      )
  );

-- Progress groups in the order every chart and table shows them.
CREATE VIEW v_progress_group AS
SELECT * FROM (VALUES ('Done', 1), ('In progress', 2), ('Not started', 3), ('Overdue', 4), ('Dropped', 5),
                      ('No status reported', 6)) AS g(progress, progress_order);
