"""Content on disk: YAML files in content/ to and from the model, validated."""
