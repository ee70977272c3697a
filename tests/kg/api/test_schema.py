"""The schema keeps the core contract, and graphql/schema.graphql is what the code prints."""

from pathlib import Path

import pytest

from graphql import (
    EnumTypeDefinitionNode,
    GraphQLEnumType,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    parse,
    print_ast,
)
from kg.api.schema import schema

HERE = Path(__file__).parent
REPO = HERE.parents[2]
CONTRACT = parse((HERE / "contract.graphql").read_text())
OURS = schema.graphql_schema


def test_schema_file_is_printed_from_the_code():
    printed = str(schema) + "\n"
    on_disk = (REPO / "graphql" / "schema.graphql").read_text()
    assert on_disk == printed, (
        "graphql/schema.graphql drifted: run `kg schema --out graphql/schema.graphql`"
    )


def _definitions(kind):
    return [d for d in CONTRACT.definitions if isinstance(d, kind)]


@pytest.mark.parametrize(
    "definition",
    _definitions(ObjectTypeDefinitionNode) + _definitions(InterfaceTypeDefinitionNode),
    ids=lambda d: d.name.value,
)
def test_contract_types_and_fields_are_kept(definition):
    ours = OURS.get_type(definition.name.value)
    assert ours is not None, f"type {definition.name.value} is missing"
    for interface in definition.interfaces or ():
        assert interface.name.value in {i.name for i in ours.interfaces}
    for field in definition.fields:
        name = field.name.value
        assert name in ours.fields, f"{definition.name.value}.{name} is missing"
        assert str(ours.fields[name].type) == print_ast(field.type), (definition.name.value, name)
        for argument in field.arguments or ():
            ours_arg = ours.fields[name].args.get(argument.name.value)
            assert ours_arg is not None, f"{definition.name.value}.{name}({argument.name.value})"
            assert str(ours_arg.type) == print_ast(argument.type)


@pytest.mark.parametrize("definition", _definitions(EnumTypeDefinitionNode),
                         ids=lambda d: d.name.value)  # fmt: skip
def test_contract_enums_are_kept(definition):
    ours = OURS.get_type(definition.name.value)
    assert isinstance(ours, GraphQLEnumType)
    assert {v.name.value for v in definition.values} <= set(ours.values)


def test_connections_follow_relay():
    for name in ("Recommendation", "Finding", "Body", "Instrument"):
        connection = OURS.get_type(f"{name}Connection")
        assert {"edges", "pageInfo", "totalCount"} <= set(connection.fields)
        edge = OURS.get_type(f"{name}Edge")
        assert {"cursor", "node"} <= set(edge.fields)
