import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Supervision · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:supervisor-home");
  return json({ name: user.name });
}

export default function SupervisorHome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Supervision</h1>
      <p className="lead">Welcome, {name}. Trainees name you as their supervisor when they log supervised practice hours.</p>
    </>
  );
}
