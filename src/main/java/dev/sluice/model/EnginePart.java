package dev.sluice.model;

/** One engine's immutable part of a {@link ModelSnapshot}, frozen by its {@link EngineModel}. */
public interface EnginePart {
}
