"""The import page's choice per unknown actor name: create it (unreviewed) or map it
to an existing actor. The names and counts come from the last dry run or refusal;
the editor's choices travel with the next upload as parallel ``unknown_name`` /
``unknown_choice`` fields."""

from django.utils.translation import gettext as _

from events.display import name_with_other
from events.imports.actors import CREATE, ActorChoices
from events.models import Actor


def choices_from_post(post) -> ActorChoices:
    mapping = {}
    for name, choice in zip(
        post.getlist("unknown_name"), post.getlist("unknown_choice"), strict=False
    ):
        if name.strip() and choice:
            mapping[name.strip()] = choice
    return ActorChoices(mapping=mapping)


def chooser(unknown: dict[str, int], choices: ActorChoices) -> dict | None:
    """Rows (name, count, chosen value) and the options for the template."""
    if not unknown:
        return None
    options = [(CREATE, _("Create as a new actor (unreviewed)"))]
    options += [
        (slug, _("Same as: %(actor)s") % {"actor": name_with_other(name, name_ar)})
        for slug, name, name_ar in Actor.objects.values_list("slug", "name", "name_ar")
    ]
    rows = [
        {"name": name, "count": count, "chosen": choices.mapping.get(name, "")}
        for name, count in unknown.items()
    ]
    return {"rows": rows, "options": options}
