"""`kg serve`'s options: from the command line, the environment or a TOML file, in that order of
precedence, each checked with a message that names the option and where it came from."""

from __future__ import annotations

import argparse

import pytest

from kg.web.settings import OPTIONS, ServeSettings, SettingsError, add_arguments, resolve


def parsed(*argv: str) -> dict:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return vars(parser.parse_args(argv))


def test_defaults_when_nothing_is_given():
    assert resolve(parsed(), environ={}) == ServeSettings()


def test_command_line_beats_environment_beats_file(tmp_path):
    config = tmp_path / "kg.toml"
    config.write_text(
        '[serve]\nrate_graphql = 3\nburst_graphql = 7\nlog_format = "json"\n'
        'cors_origins = ["https://a.example", "https://b.example"]\npersisted_only = true\n'
    )
    environ = {"KG_RATE_GRAPHQL": "5", "KG_BURST_GRAPHQL": "9"}
    settings = resolve(parsed("--rate-graphql", "8"), environ=environ, config=config)
    assert settings.rate_graphql == 8.0  # command line
    assert settings.burst_graphql == 9  # environment over file
    assert settings.log_format == "json"  # file
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.persisted_only is True
    assert settings.rate_sparql == ServeSettings().rate_sparql  # default


def test_the_config_file_can_come_from_the_environment(tmp_path):
    config = tmp_path / "kg.toml"
    config.write_text("[serve]\nmetrics = false\n")
    assert resolve(parsed(), environ={"KG_CONFIG": str(config)}).metrics is False


@pytest.mark.parametrize(
    ("argv", "environ", "file", "message"),
    [
        (("--rate-graphql", "fast"), {}, None,
         "option --rate-graphql: could not convert string to float: 'fast'"),
        ((), {"KG_BURST_PAGES": "0"}, None,
         "environment variable KG_BURST_PAGES: must be more than 0, got '0'"),
        ((), {}, '[serve]\nlog_format = "xml"\n',
         "[serve] log_format: expected one of text, json, got 'xml'"),
        ((), {}, "[serve]\nrate_limit = 1\n", "[serve] rate_limit: unknown option; known: "),
        ((), {}, "[serve\n", "kg.toml: "),
        ((), {"KG_METRICS": "maybe"}, None,
         "environment variable KG_METRICS: expected true or false, got 'maybe'"),
    ],
)  # fmt: skip
def test_bad_values_name_the_option_and_where_it_came_from(tmp_path, argv, environ, file, message):
    config = None
    if file is not None:
        config = tmp_path / "kg.toml"
        config.write_text(file)
    with pytest.raises(SettingsError) as caught:
        resolve(parsed(*argv), environ=environ, config=config)
    assert message in str(caught.value)


def test_a_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(SettingsError, match=r"cannot read config file .*nope\.toml"):
        resolve(parsed(), environ={}, config=tmp_path / "nope.toml")


def test_help_documents_every_option_with_its_default_and_environment_variable(kg):
    result = kg("serve", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for option in OPTIONS:
        assert option.flag in text and option.env in text, option.name
    assert "(default 20.0; env KG_RATE_GRAPHQL)" in text


def test_kg_serve_refuses_a_bad_option_before_starting(kg, fixture_build):
    result = kg("serve", "--build", str(fixture_build), "--log-format", "xml")
    assert result.returncode == 2
    assert "kg serve: option --log-format: expected one of text, json, got 'xml'" in result.stderr
