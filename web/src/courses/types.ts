// The courses pages' names for the schema's types.
import type { Schemas } from '../api/client.ts';

export type CourseEditor = Schemas['CourseEditor'];
export type EditorSection = Schemas['EditorSection'];
export type EditorLesson = Schemas['EditorLesson'];
export type CatalogCourse = Schemas['CatalogCourse'];
export type CatalogPage = Schemas['CatalogPage'];
export type Skill = Schemas['Skill'];
export type PublishProblem = Schemas['PublishProblem'];
