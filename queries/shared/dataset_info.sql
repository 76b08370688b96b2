-- What the data on screen is: version, data date, who loaded it and from where.
SELECT version_id, as_of, loaded_at, loaded_by, file_name, source, has_synthetic
FROM dataset_info;
