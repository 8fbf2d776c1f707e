"""Project files (.vnn) and exports."""

from visualnn.core.io.project import (
    FORMAT, VERSION, Project, ProjectError, dumps_project, load_project, project_from_dict,
    project_to_dict, save_project,
)

__all__ = [
    "FORMAT", "VERSION", "Project", "ProjectError", "dumps_project", "load_project",
    "project_from_dict", "project_to_dict", "save_project",
]
