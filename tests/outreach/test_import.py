"""CSV import of places and professionals through the admin: a dry run with errors per row,
then a confirm step. A file with any bad row saves nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from outreach.models import Place, Professional
from outreach.resources import ChoiceWidget, ExcelFriendlyCSV, PlaceResource

pytestmark = pytest.mark.django_db


def upload(client, model, text, *, encoding="utf-8-sig"):
    return client.post(
        reverse(f"admin:outreach_{model}_import"),
        {
            "import_file": SimpleUploadedFile("liste.csv", text.encode(encoding), "text/csv"),
            "format": "0",
            "resource": "0",
        },
    )


PLACES_OK = (
    "name;kind;district;address;notes\n"
    "Bøler legesenter;Legekontor;Østensjø;Bølerlia 1;Venterom i 2. etasje\n"
    "NAV Grünerløkka;nav;grunerlokka;Trondheimsveien 5;\n"
    "Deichman Tøyen;Library;Gamle Oslo;Hagegata 22;\n"
)


def test_a_bad_row_shows_its_error_and_nothing_is_saved(staff_client):
    text = PLACES_OK + "Ukjent sted;Frisørsalong;Bærum;Et sted 1;\n"
    response = upload(staff_client, "place", text)
    assert response.status_code == 200
    html = response.content.decode()
    result = response.context["result"]
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == 4
    assert set(invalid.field_specific_errors) == {"kind", "district"}
    assert "«Frisørsalong» er ikke et av valgene" in html
    assert "«Bærum» er ikke et av valgene" in html
    assert "confirm_form" not in response.context or response.context.get("confirm_form") is None
    assert not Place.objects.exists()


def test_dry_run_then_confirm_imports_semicolon_csv_with_norwegian_letters(staff_client):
    response = upload(staff_client, "place", PLACES_OK)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert not Place.objects.exists()  # a dry run so far
    confirm = response.context["confirm_form"]
    response = staff_client.post(
        reverse("admin:outreach_place_process_import"),
        {**confirm.initial, "format": confirm.initial["format"]},
    )
    assert response.status_code == 302
    places = {place.name: place for place in Place.objects.all()}
    assert set(places) == {"Bøler legesenter", "NAV Grünerløkka", "Deichman Tøyen"}
    assert places["Bøler legesenter"].kind == Place.Kind.GP_OFFICE
    assert places["Bøler legesenter"].district == "ostensjo"
    assert places["Bøler legesenter"].notes == "Venterom i 2. etasje"
    assert places["Deichman Tøyen"].kind == Place.Kind.LIBRARY


def test_importing_the_same_list_again_creates_no_duplicates():
    from tablib import Dataset

    dataset = ExcelFriendlyCSV(encoding="utf-8-sig").create_dataset(PLACES_OK)
    assert isinstance(dataset, Dataset)
    PlaceResource().import_data(dataset, dry_run=False, raise_errors=True)
    result = PlaceResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert Place.objects.count() == 3
    assert result.totals["skip"] == 3


def test_comma_separated_files_work_too():
    dataset = ExcelFriendlyCSV(encoding="utf-8-sig").create_dataset(
        "\ufeffname,kind,district,address\nSagene legesenter,gp,Sagene,Sandakerveien 24\n"
    )
    assert dataset.headers == ["name", "kind", "district", "address"]
    assert dataset[0][0] == "Sagene legesenter"


def test_professionals_import_needs_known_workplaces(staff_client, place):
    text = (
        "name;role;workplace;email;phone\n"
        "Åse Øvrebø;fastlege;Legene på Løkka;ase@legene.example.no;22 00 00 01\n"
        "Per Ukjent;psykolog;Finnes ikke DPS;per@example.no;\n"
        "Kari Feil;sykepleier;Legene på Løkka;ikke-en-epost;\n"
    )
    response = upload(staff_client, "professional", text)
    html = response.content.decode()
    result = response.context["result"]
    # An unknown workplace is part of the row's identity, so it is a row error; a bad email is a
    # field error. Both are shown per line, and the import stops before saving anything.
    assert [number for number, _errors in result.row_errors()] == [2]
    assert [row.number for row in result.invalid_rows] == [3]
    assert "email" in result.invalid_rows[0].field_specific_errors
    assert "Det finnes ikke noe sted som heter «Finnes ikke DPS»" in html
    assert not Professional.objects.exists()


def test_professionals_import_confirmed(staff_client, place):
    text = "name;role;workplace;email\nÅse Øvrebø;fastlege;legene på løkka;ase@legene.example.no\n"
    response = upload(staff_client, "professional", text)
    confirm = response.context["confirm_form"]
    staff_client.post(reverse("admin:outreach_professional_process_import"), confirm.initial)
    professional = Professional.objects.get()
    assert professional.workplace == place
    assert professional.email == "ase@legene.example.no"


def test_import_needs_add_and_change_permission(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("admin:outreach_place_import")).status_code == 403


def test_choice_widget_accepts_codes_and_labels_in_both_languages():
    widget = ChoiceWidget(Place.Kind.choices)
    with translation.override("nb"):
        assert widget.clean("NAV-kontor") == "nav"
        assert widget.clean("gp office") == "gp"
        assert widget.clean("library") == "library"
        assert widget.clean("") == ""
        with pytest.raises(ValueError, match="ikke et av valgene"):
            widget.clean("Kafé")
