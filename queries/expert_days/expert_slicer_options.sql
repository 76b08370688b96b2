-- Values offered by the page slicers: areas of eligibility and nationalities of the experts mobilised.
SELECT 'eligibility' AS slicer, area_of_eligibility AS value, sum(working_days) AS working_days
FROM expert_assignment WHERE area_of_eligibility IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'nationality', nationality, sum(working_days)
FROM expert_assignment WHERE nationality IS NOT NULL GROUP BY ALL
ORDER BY slicer, working_days DESC, value;
